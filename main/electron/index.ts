// Electron main process: composes the desktop shell. The station itself runs in a utility process.
import { join } from 'node:path';
import { BrowserWindow, app, dialog } from 'electron';
import { consoleLog } from '../station/log';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { wireIpc } from './ipc';
import { installMenu } from './menu';
import { startStationHost, type StationHost } from './station-host';
import { createMainWindow, guardContents, hardenSession, rendererRoot } from './window';

const log = consoleLog('desktop');
// Before ready: every renderer sandboxed whatever its options say; app:// registered as a standard, secure scheme.
app.enableSandbox();
registerAppScheme();
const simulate = process.argv.includes('--simulate') || process.env.MES_SIMULATE === '1';
let station: StationHost | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A second start brings the open window forward instead of running a second station on the same database.
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });
  app.on('web-contents-created', (_e, contents) => guardContents(contents, log));
  app
    .whenReady()
    .then(async () => {
      hardenSession(log);
      serveAppProtocol(rendererRoot(), log);
      station = await startStationHost({
        dataDir: process.env.MES_DATA_DIR ?? join(app.getPath('userData'), 'station'),
        simulate,
        port: Number(process.env.MES_PORT ?? '5170'),
        ...(process.env.MES_PLC ? { plc: process.env.MES_PLC } : {}),
      });
      wireIpc(station);
      installMenu(station.url);
      createMainWindow();
    })
    .catch((error: unknown) => {
      dialog.showErrorBox('The station could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
  app.on('window-all-closed', () => app.quit());
  // Quit only once the station process has stopped (its database closed, its simulator stopped): Electron would
  // otherwise end it half-way. It gives itself 15 s; past 20 s the app quits anyway.
  app.on('before-quit', (event) => {
    const running = station;
    if (!running) return;
    event.preventDefault();
    station = null;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 20_000).unref());
    void Promise.race([running.dispose(), timeout]).finally(() => app.quit());
  });
}
