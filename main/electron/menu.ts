import { Menu, app, dialog, type MenuItemConstructorOptions } from 'electron';

export function installMenu(stationUrl: string | null): void {
  const template: MenuItemConstructorOptions[] = [
    { label: 'File', submenu: [{ role: 'quit' }] },
    {
      label: 'View',
      submenu: [{ role: 'reload' }, { role: 'togglefullscreen' }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }],
    },
    {
      label: 'Help',
      submenu: [
        {
          label: 'About',
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: 'Control-room MES',
              message: `Control-room MES ${app.getVersion()}`,
              detail: stationUrl ? `Remote screens: open ${stationUrl}/ in a browser on this network.` : 'The station serves no remote screens.',
            }),
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
