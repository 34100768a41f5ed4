import { join } from 'node:path';
import { BrowserWindow, session, shell, type WebContents } from 'electron';
import type { Log } from '../station/log';
import { APP_CSP, APP_PAGE, externalLinkAllowed, isAppPage, permissionAllowed } from './security';

/** The built HMI: what app://mes/ serves. */
export const rendererRoot = (): string => join(import.meta.dirname, '..', 'renderer');

/** Locks down the session once: CSP on every response, no permission granted to any page, no device chosen. */
export function hardenSession(log: Log): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [APP_CSP] } });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = permissionAllowed(permission, details.requestingUrl);
    if (!allowed) log.warn(`permission "${permission}" refused to ${JSON.stringify(details.requestingUrl.slice(0, 200))}`);
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_contents, permission, _origin, details) => permissionAllowed(permission, details.requestingUrl ?? ''));
  // HID, serial and USB devices: none is ever granted to a page.
  ses.setDevicePermissionHandler(() => false);
}

/** Opens a link in the system browser only if it is an https link to a listed host; anything else is refused and logged. */
export function openExternalIfAllowed(url: string, log: Log): void {
  if (!externalLinkAllowed(url)) {
    log.warn(`link not opened: ${JSON.stringify(url.slice(0, 200))} is not an https link to a host the app may open`);
    return;
  }
  void shell.openExternal(url);
}

/**
 * Every web contents the app creates (windows, and any a page might try): no navigation away from the page, no new
 * windows (an allowed link goes to the system browser instead), no <webview>.
 */
export function guardContents(contents: WebContents, log: Log): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    log.warn(`navigation to ${JSON.stringify(url.slice(0, 200))} refused`);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppPage(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url, log);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The HMI window, hardened as STYLE.md §4 says: sandboxed, isolated, no Node, no navigation, no pop-ups. */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1920,
    height: 1080,
    minWidth: 1280,
    minHeight: 800,
    show: false,
    backgroundColor: '#d4d4d4',
    title: 'Control-room MES',
    webPreferences: {
      preload: join(import.meta.dirname, '..', 'preload', 'index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_PAGE);
  return win;
}
