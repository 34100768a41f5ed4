import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKLIST, oldestSupportedMajor, readSources, type Sources } from './support/electron-checklist';
import { projectRoot } from './support/station-fixtures';

// The Electron security checklist (electronjs.org/docs/latest/tutorial/security), each item checked against the
// desktop shell's source. The Electron binary is not needed: this reads the code, electron-builder.yml and the page.
const sources = readSources(projectRoot);

describe('the desktop shell follows the Electron security checklist', () => {
  for (const item of CHECKLIST) {
    test(`${item.n}. ${item.title}`, () => assert.deepEqual(item.check(sources), []));
  }
});

/** A change that brings back what an item forbids. `from` must still be found: a stale one fails, to be updated. */
interface Regression {
  readonly item: number;
  readonly what: string;
  readonly file: string;
  readonly from: string | RegExp;
  readonly to: string;
}

const REGRESSIONS: readonly Regression[] = [
  {
    item: 1,
    what: 'the window loads the station over http',
    file: 'main/electron/window.ts',
    from: 'win.loadURL(APP_PAGE)',
    to: "win.loadURL('http://127.0.0.1:5170/')",
  },
  {
    item: 1,
    what: 'the page loads a script from the Internet',
    file: 'renderer/index.html',
    from: '</head>',
    to: '<script src="http://cdn.example.com/x.js"></script></head>',
  },
  { item: 2, what: 'nodeIntegration: true', file: 'main/electron/window.ts', from: 'nodeIntegration: false', to: 'nodeIntegration: true' },
  {
    item: 2,
    what: 'nodeIntegrationInWorker: true',
    file: 'main/electron/window.ts',
    from: 'nodeIntegrationInWorker: false',
    to: 'nodeIntegrationInWorker: true',
  },
  { item: 3, what: 'contextIsolation: false', file: 'main/electron/window.ts', from: 'contextIsolation: true', to: 'contextIsolation: false' },
  { item: 4, what: 'sandbox: false', file: 'main/electron/window.ts', from: 'sandbox: true', to: 'sandbox: false' },
  { item: 4, what: 'no app.enableSandbox()', file: 'main/electron/index.ts', from: 'app.enableSandbox();', to: '' },
  {
    item: 4,
    what: 'the sandbox switched off on the command line',
    file: 'main/electron/index.ts',
    from: 'registerAppScheme();',
    to: "registerAppScheme();\napp.commandLine.appendSwitch('no-sandbox');",
  },
  { item: 5, what: 'no permission request handler', file: 'main/electron/window.ts', from: 'ses.setPermissionRequestHandler(', to: 'void ses.getPreloads(' },
  { item: 5, what: 'no permission check handler', file: 'main/electron/window.ts', from: /ses\.setPermissionCheckHandler\(.*\n/, to: '' },
  {
    item: 5,
    what: 'a request handler that grants everything',
    file: 'main/electron/window.ts',
    from: 'const allowed = permissionAllowed(permission, details.requestingUrl);',
    to: 'const allowed = permission !== "";',
  },
  { item: 5, what: 'a request handler that says yes', file: 'main/electron/window.ts', from: 'callback(allowed);', to: 'callback(true);' },
  { item: 5, what: 'the HMI granted the camera', file: 'main/electron/security.ts', from: 'new Set<string>()', to: "new Set<string>(['media'])" },
  {
    item: 5,
    what: 'devices granted',
    file: 'main/electron/window.ts',
    from: 'setDevicePermissionHandler(() => false)',
    to: 'setDevicePermissionHandler(() => true)',
  },
  { item: 6, what: 'webSecurity: false', file: 'main/electron/window.ts', from: 'webSecurity: true', to: 'webSecurity: false' },
  { item: 7, what: "inline scripts in the page's CSP", file: 'renderer/index.html', from: "script-src 'self';", to: "script-src 'self' 'unsafe-inline';" },
  { item: 7, what: 'any WebSocket in the page CSP', file: 'renderer/index.html', from: "connect-src 'self';", to: "connect-src 'self' ws: wss:;" },
  { item: 7, what: 'no CSP in the page', file: 'renderer/index.html', from: 'http-equiv="Content-Security-Policy"', to: 'name="x-csp"' },
  { item: 7, what: 'the desktop app may connect anywhere', file: 'main/electron/security.ts', from: `"connect-src 'none'"`, to: '"connect-src *"' },
  {
    item: 7,
    what: 'the browser HMI may open any WebSocket',
    file: 'main/api/static-files.ts',
    from: "`connect-src 'self'${live}`",
    to: "`connect-src 'self' ws: wss:`",
  },
  { item: 7, what: 'app:// answers without the CSP', file: 'main/electron/app-protocol.ts', from: "'content-security-policy': APP_CSP,", to: '' },
  {
    item: 8,
    what: 'allowRunningInsecureContent: true',
    file: 'main/electron/window.ts',
    from: 'allowRunningInsecureContent: false',
    to: 'allowRunningInsecureContent: true',
  },
  { item: 9, what: 'experimentalFeatures: true', file: 'main/electron/window.ts', from: 'experimentalFeatures: false', to: 'experimentalFeatures: true' },
  {
    item: 10,
    what: 'enableBlinkFeatures',
    file: 'main/electron/window.ts',
    from: 'spellcheck: false,',
    to: "spellcheck: false,\n      enableBlinkFeatures: 'CSSPseudoHas',",
  },
  { item: 11, what: 'webviewTag: true', file: 'main/electron/window.ts', from: 'webviewTag: false', to: 'webviewTag: true' },
  {
    item: 11,
    what: 'a <webview allowpopups> in the page',
    file: 'renderer/index.html',
    from: '<div id="root"></div>',
    to: '<div id="root"></div><webview allowpopups src="https://example.com"></webview>',
  },
  {
    item: 12,
    what: 'webviews attached unchecked',
    file: 'main/electron/window.ts',
    from: "contents.on('will-attach-webview', (event) => event.preventDefault());",
    to: '',
  },
  {
    item: 13,
    what: 'navigation allowed',
    file: 'main/electron/window.ts',
    from: /(contents\.on\('will-navigate', \(event, url\) => \{\n)\s*event\.preventDefault\(\);\n/,
    to: '$1',
  },
  {
    item: 13,
    what: 'other web contents left unguarded',
    file: 'main/electron/index.ts',
    from: "app.on('web-contents-created', (_e, contents) => guardContents(contents, log));",
    to: '',
  },
  { item: 14, what: 'no window open handler', file: 'main/electron/window.ts', from: 'contents.setWindowOpenHandler(', to: 'void contents.getURL(' },
  { item: 14, what: 'window.open allowed', file: 'main/electron/window.ts', from: "return { action: 'deny' };", to: "return { action: 'allow' };" },
  {
    item: 15,
    what: 'any link opened in the system browser',
    file: 'main/electron/window.ts',
    from: 'openExternalIfAllowed(url, log);\n    return',
    to: 'void shell.openExternal(url);\n    return',
  },
  { item: 15, what: 'the allowlist check dropped', file: 'main/electron/window.ts', from: /if \(!externalLinkAllowed\(url\)\) \{[\s\S]*?\n {2}\}\n/, to: '' },
  { item: 16, what: 'an Electron past its support', file: 'node_modules/electron/package.json', from: /"version": "\d+\./, to: '"version": "30.' },
  {
    item: 17,
    what: 'an IPC handler without the sender check',
    file: 'main/electron/ipc.ts',
    from: "if (!trusted(event)) return fail(ErrorCode.forbidden, 'This window may not talk to the station.');",
    to: '',
  },
  { item: 17, what: 'a listener without the sender check', file: 'main/electron/ipc.ts', from: '    if (!trusted(event)) return;\n', to: '' },
  { item: 17, what: 'the sender matched by prefix', file: 'main/electron/security.ts', from: '=== APP_PAGE', to: '.startsWith(APP_PAGE) === true' },
  { item: 17, what: 'sub-frames trusted', file: 'main/electron/ipc.ts', from: 'frame.parent === null && ', to: '' },
  {
    item: 18,
    what: 'the page loaded from file://',
    file: 'main/electron/window.ts',
    from: 'win.loadURL(APP_PAGE)',
    to: "win.loadFile(join(rendererRoot(), 'index.html'))",
  },
  {
    item: 18,
    what: 'app: allowed to bypass the CSP',
    file: 'main/electron/app-protocol.ts',
    from: 'standard: true, secure: true,',
    to: 'standard: true, secure: true, bypassCSP: true,',
  },
  {
    item: 18,
    what: 'app:// serving files without the traversal check',
    file: 'main/electron/app-protocol.ts',
    from: 'resolveAppFile(root, request.url)',
    to: 'join(root, new URL(request.url).pathname)',
  },
  { item: 19, what: 'RunAsNode left on', file: 'electron-builder.yml', from: 'runAsNode: false', to: 'runAsNode: true' },
  { item: 19, what: 'no fuses at all', file: 'electron-builder.yml', from: /electronFuses:\n( {2}.*\n)+/, to: '' },
  {
    item: 19,
    what: 'file:// given extra privileges',
    file: 'electron-builder.yml',
    from: 'grantFileProtocolExtraPrivileges: false',
    to: 'grantFileProtocolExtraPrivileges: true',
  },
  {
    item: 19,
    what: 'the simulator run as ELECTRON_RUN_AS_NODE again',
    file: 'main/electron/station-process.ts',
    from: 'const simulatorEndpoint =',
    to: "process.env.ELECTRON_RUN_AS_NODE = '1';\n  const simulatorEndpoint =",
  },
  {
    item: 20,
    what: 'ipcRenderer handed to the page',
    file: 'preload/index.ts',
    from: /contextBridge\.exposeInMainWorld\(/,
    to: "contextBridge.exposeInMainWorld('ipc', ipcRenderer);\ncontextBridge.exposeInMainWorld(",
  },
  {
    item: 20,
    what: 'an open IPC channel',
    file: 'preload/index.ts',
    from: /call: \(operation, input, token\) => ipcRenderer\.invoke\('mes:call',/,
    to: 'call: (operation, input, token) => ipcRenderer.invoke(operation,',
  },
  {
    item: 20,
    what: 'the IPC event passed to the page',
    file: 'preload/index.ts',
    from: /ipcRenderer\.on\('mes:stream', handler\)/,
    to: "ipcRenderer.on('mes:stream', listener as never)",
  },
  { item: 21, what: 'the remote module', file: 'preload/index.ts', from: /^/, to: "import '@electron/remote/renderer';\n" },
];

describe('the checklist catches a regression of each item', () => {
  for (const r of REGRESSIONS) {
    test(`${r.item}: ${r.what}`, () => {
      const original = sources.get(r.file);
      assert.ok(original !== undefined, `${r.file} is not among the sources`);
      const broken = original.replace(r.from, r.to);
      assert.ok(broken !== original, `this regression no longer applies to ${r.file}: update it to the code as it is now`);
      const item = CHECKLIST.find((i) => i.n === r.item);
      assert.ok(item);
      const changed: Sources = new Map([...sources, [r.file, broken]]);
      assert.notDeepEqual(item.check(changed), [], `item ${r.item} did not notice: ${r.what}`);
    });
  }
  test('every item has a regression it catches', () => {
    assert.deepEqual(
      CHECKLIST.filter((i) => !REGRESSIONS.some((r) => r.item === i.n)).map((i) => i.n),
      [],
    );
  });
});

test('the support window of Electron moves with the calendar: three majors, one of grace', () => {
  assert.equal(oldestSupportedMajor(new Date('2026-12-06')), 42);
  assert.equal(oldestSupportedMajor(new Date('2027-06-01')), 45);
});
