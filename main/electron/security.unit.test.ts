import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve, sep } from 'node:path';
import { APP_PAGE, externalLinkAllowed, isAppPage, permissionAllowed, resolveAppFile } from './security';

const root = resolve('/opt/mes/resources/app.asar/out/renderer');

test('app:// serves the files of the HMI folder, the bare origin being its page', () => {
  assert.equal(resolveAppFile(root, 'app://mes/index.html'), join(root, 'index.html'));
  assert.equal(resolveAppFile(root, 'app://mes/'), join(root, 'index.html'));
  assert.equal(resolveAppFile(root, 'app://mes/assets/index-Cy1WcEFk.js'), join(root, 'assets', 'index-Cy1WcEFk.js'));
  assert.equal(resolveAppFile(root, 'app://mes/index.html#orders'), join(root, 'index.html'));
  assert.equal(resolveAppFile(root, 'app://mes/assets/a%20b.css'), join(root, 'assets', 'a b.css'));
});

test('app:// refuses every path that would leave the HMI folder', () => {
  for (const url of [
    'app://mes/../../../etc/passwd',
    'app://mes/assets/../../main/index.js',
    'app://mes/%2e%2e/%2e%2e/etc/passwd',
    'app://mes/assets%2F..%2F..%2F..%2Fetc%2Fpasswd',
    'app://mes/..%2f..%2fetc%2fpasswd',
    'app://mes/%2E%2E%5C%2E%2E%5Cwindows%5Cwin.ini',
    'app://mes/..\\..\\windows\\win.ini',
    'app://mes/C:%5Cwindows%5Cwin.ini',
    'app://mes/C:/windows/win.ini',
    'app://mes/index.html%00.png',
    'app://mes//etc/passwd',
    'app://mes/assets/',
    'app://mes/%E0%A4%A',
  ]) {
    assert.equal(resolveAppFile(root, url), null, url);
  }
});

test('no combination of climbing pieces reaches a file outside the HMI folder', () => {
  const pieces = ['..', '%2e%2e', '.%2E', '.', 'a', '%2f', '%5c', '\\', 'C:', '', '%00', '..%2f', '%2e%2e%5c'];
  let checked = 0;
  const walk = (path: string, depth: number) => {
    const file = resolveAppFile(root, `app://mes/${path}`);
    assert.ok(file === null || file.startsWith(root + sep), `app://mes/${path} → ${file}`);
    checked++;
    if (depth < 4) for (const p of pieces) walk(path === '' ? p : `${path}/${p}`, depth + 1);
  };
  walk('', 0);
  assert.ok(checked > 20_000);
});

test('app:// answers only its own host and scheme', () => {
  for (const url of [
    'app://other/index.html',
    'app://mes:8080/index.html',
    'app://user:pw@mes/index.html',
    'file:///opt/mes/index.html',
    'https://mes/index.html',
    'not a url',
  ]) {
    assert.equal(resolveAppFile(root, url), null, url);
  }
});

test('IPC is answered for exactly the app page: no prefix, query, other path or other origin', () => {
  assert.equal(APP_PAGE, 'app://mes/index.html');
  assert.equal(isAppPage('app://mes/index.html'), true);
  assert.equal(isAppPage('app://mes/index.html#terminal/WC10'), true);
  for (const url of [
    'app://mes/index.html.evil',
    'app://mes/index.htmlx',
    'app://mes/index.html/',
    'app://mes/index.html?x=1',
    'app://mes/',
    'app://mes/other.html',
    'app://mes.evil/index.html',
    'app://mesx/index.html',
    'app://evil/app://mes/index.html',
    'https://example.com/#app://mes/index.html',
    'file:///opt/mes/out/renderer/index.html',
    'http://127.0.0.1:5170/index.html',
    '',
  ]) {
    assert.equal(isAppPage(url), false, url);
  }
});

test('a link opens in the system browser only when it is https to a listed host', () => {
  const hosts = ['docs.plant.example'];
  assert.equal(externalLinkAllowed('https://docs.plant.example/mes/guide.html', hosts), true);
  for (const url of [
    'http://docs.plant.example/',
    'https://docs.plant.example.evil.com/',
    'https://evil.com/docs.plant.example',
    'https://sub.docs.plant.example/',
    'https://user@docs.plant.example/',
    'https://docs.plant.example:8443/',
    'file:///C:/Windows/System32/calc.exe',
    'smb://docs.plant.example/share',
    'javascript:alert(1)',
    'ms-msdt:/id PCWDiagnostic',
    'not a url',
  ]) {
    assert.equal(externalLinkAllowed(url, hosts), false, url);
  }
});

test('the app as shipped opens no link at all: its list of hosts is empty', () => {
  assert.equal(externalLinkAllowed('https://www.electronjs.org/'), false);
  assert.equal(externalLinkAllowed('https://example.com/'), false);
});

test('no permission is granted, to our page or any other; a listed one only to our page', () => {
  for (const p of [
    'media',
    'notifications',
    'geolocation',
    'clipboard-read',
    'clipboard-sanitized-write',
    'hid',
    'serial',
    'usb',
    'openExternal',
    'fullscreen',
  ]) {
    assert.equal(permissionAllowed(p, APP_PAGE), false, p);
  }
  const needed = new Set(['fullscreen']);
  assert.equal(permissionAllowed('fullscreen', APP_PAGE, needed), true);
  assert.equal(permissionAllowed('fullscreen', 'https://evil.com/', needed), false);
  assert.equal(permissionAllowed('media', APP_PAGE, needed), false);
});
