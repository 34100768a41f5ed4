// The desktop shell's security decisions as plain functions (no Electron here), so that each is unit-tested and the
// Electron code only wires them: which page is ours, which file app:// may serve, which link may leave the app.
import { isAbsolute, relative, resolve } from 'node:path';

/** The HMI is served as app://mes/…: a standard, secure scheme of our own instead of file:// (Electron checklist 18). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'mes';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The one page the app shows. IPC is answered only for this page (checklist 17). */
export const APP_PAGE = `${APP_ORIGIN}/index.html`;

/**
 * The CSP of the desktop HMI. It talks to the station over IPC only, so it may connect nowhere; the rest matches the
 * page's own meta CSP (renderer/index.html): scripts only from the app, 'unsafe-inline' styles for AG Grid's theming.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Is this exactly our page? The URL up to its fragment must be APP_PAGE, character for character: no prefix match
 * (app://mes/index.html.evil), no query, no other path, no other scheme. The fragment is the HMI's screen (#orders).
 */
export function isAppPage(url: string): boolean {
  const hash = url.indexOf('#');
  return (hash === -1 ? url : url.slice(0, hash)) === APP_PAGE;
}

/** A `..` segment, plain or percent-encoded, between slashes or backslashes (also encoded). */
const CLIMB = /(?:\/|\\|%2f|%5c)(?:\.|%2e){2}(?:\/|\\|%2f|%5c|[?#]|$)/i;

/**
 * The file under `root` that an app:// request names, or null when it names none: another host, a path that would
 * climb out of `root` (`..`, also percent-encoded), a backslash, a drive or stream name (`:`), a NUL. `/` is the page.
 */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  // The URL parser would fold `..` away (app://mes/../x is app://mes/x): a request that climbs is refused, not folded.
  if (CLIMB.test(requestUrl)) return null;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST || url.username !== '' || url.password !== '' || url.port !== '') return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path === '/' || path === '') path = '/index.html';
  const segments = path.split('/').slice(1);
  if (segments.some((s) => s === '' || s === '.' || s === '..' || /[\\:\0]/.test(s))) return null;
  const base = resolve(root);
  const file = resolve(base, ...segments);
  const inside = relative(base, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return file;
}

/**
 * Hosts the app may open in the system browser (shell.openExternal, checklist 15): https only, exactly these hosts.
 * The HMI links nowhere today, so the list is empty and every link is refused (and logged). Add a host here when a
 * screen links to, say, the plant's documentation server.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [];

/** May this link leave the app for the system browser? https, a listed host exactly, the default port, no credentials. */
export function externalLinkAllowed(url: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.port === '' && hosts.includes(parsed.hostname);
}

/**
 * Browser permissions the HMI needs (checklist 5): none. It shows the line and sends commands over IPC; it uses no
 * camera, notifications, clipboard API, geolocation, MIDI, HID, serial or USB. Anything asked for is denied.
 */
export const HMI_PERMISSIONS: ReadonlySet<string> = new Set<string>();

/** May this page have this permission? Only our own page, and only a permission the HMI needs. */
export function permissionAllowed(permission: string, requestingUrl: string, needed: ReadonlySet<string> = HMI_PERMISSIONS): boolean {
  return needed.has(permission) && isAppPage(requestingUrl);
}
