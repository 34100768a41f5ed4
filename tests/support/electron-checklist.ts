// The Electron security checklist (electronjs.org/docs/latest/tutorial/security), item by item, checked against the
// desktop shell's source: main/electron, the preload, the HMI page, electron-builder.yml and package.json. Each check
// reads the sources it is given (a map of path → text), so a test can hand it a broken copy and see it fail.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import ts from 'typescript';

export type Sources = ReadonlyMap<string, string>;

export interface ChecklistItem {
  readonly n: number;
  readonly title: string;
  /** What is wrong, one line each; empty when the item holds. */
  check(src: Sources): string[];
}

/** The sources the checks read, from the project at `root`. */
export function readSources(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const add = (rel: string) => out.set(rel, readFileSync(join(root, rel), 'utf8'));
  for (const dir of ['main', 'preload', 'renderer']) {
    for (const f of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })) {
      const rel = `${dir}/${f.split(sep).join('/')}`;
      if (/\.(ts|tsx|html)$/.test(rel) && !/\.test\.ts$/.test(rel)) add(rel);
    }
  }
  for (const f of ['electron-builder.yml', 'package.json', 'node_modules/electron/package.json']) add(f);
  return out;
}

// ---- reading the sources -------------------------------------------------------------------------------------------

const text = (src: Sources, path: string): string => {
  const t = src.get(path);
  if (t === undefined) throw new Error(`${path} is not among the sources`);
  return t;
};
const shellFiles = (src: Sources) => [...src.keys()].filter((p) => p.startsWith('main/electron/') && p.endsWith('.ts'));
const rendererFiles = (src: Sources) => [...src.keys()].filter((p) => p.startsWith('renderer/'));

const parsed = new Map<string, ts.SourceFile>();
function parse(path: string, code: string): ts.SourceFile {
  const key = `${path}\0${code}`;
  let sf = parsed.get(key);
  if (!sf) {
    sf = ts.createSourceFile(path, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    parsed.set(key, sf);
  }
  return sf;
}
function all(node: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  const visit = (n: ts.Node) => {
    out.push(n);
    n.forEachChild(visit);
  };
  visit(node);
  return out;
}
interface Found<T> {
  readonly file: string;
  readonly sf: ts.SourceFile;
  readonly node: T;
}
function find<T extends ts.Node>(src: Sources, files: readonly string[], is: (n: ts.Node) => n is T): Found<T>[] {
  return files.flatMap((file) => {
    const sf = parse(file, text(src, file));
    return all(sf)
      .filter(is)
      .map((node) => ({ file, sf, node }));
  });
}
/** Calls whose callee reads like `pattern` (e.g. /^shell\.openExternal$/, /\.setWindowOpenHandler$/). */
const calls = (src: Sources, files: readonly string[], pattern: RegExp) =>
  find(src, files, ts.isCallExpression).filter((c) => pattern.test(c.node.expression.getText(c.sf)));
const where = (f: Found<ts.Node>) => `${f.file}:${f.sf.getLineAndCharacterOfPosition(f.node.getStart(f.sf)).line + 1}`;
const prop = (obj: ts.ObjectLiteralExpression, name: string) =>
  obj.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === name);
const isTrue = (e: ts.Expression | undefined) => e?.kind === ts.SyntaxKind.TrueKeyword;
const isFalse = (e: ts.Expression | undefined) => e?.kind === ts.SyntaxKind.FalseKeyword;
const isFunction = (n: ts.Node | undefined): n is ts.ArrowFunction | ts.FunctionExpression =>
  n !== undefined && (ts.isArrowFunction(n) || ts.isFunctionExpression(n));
/** The function a handler argument is: inline, or a const or function of the same file named by it. */
function handlerFunction(sf: ts.SourceFile, arg: ts.Expression | undefined): ts.FunctionLikeDeclaration | null {
  if (isFunction(arg)) return arg;
  if (!arg || !ts.isIdentifier(arg)) return null;
  for (const n of all(sf)) {
    if (ts.isVariableDeclaration(n) && n.name.getText(sf) === arg.text && isFunction(n.initializer)) return n.initializer;
    if (ts.isFunctionDeclaration(n) && n.name?.text === arg.text) return n;
  }
  return null;
}
const enclosingFunction = (n: ts.Node): ts.FunctionLikeDeclaration | null => {
  for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p) && 'body' in p) return p as ts.FunctionLikeDeclaration;
  return null;
};
/** The initializer of `const NAME = …` in a file, as written. */
function constText(src: Sources, file: string, name: string): string | null {
  const sf = parse(file, text(src, file));
  const decl = all(sf).find((n): n is ts.VariableDeclaration => ts.isVariableDeclaration(n) && n.name.getText(sf) === name);
  if (!decl?.initializer) return null;
  return decl.initializer.getText(sf);
}

// ---- CSP -------------------------------------------------------------------------------------------------------------

/** A policy as directive → sources. */
export function parseCsp(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of policy.split(';')) {
    const [name, ...values] = d.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}
/** The page's own CSP, from its meta element. */
const metaCsp = (html: string): string | null => /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1] ?? null;
/** The string pieces of a CSP built in code (an array of literals joined, or one literal), `${…}` kept as text. */
function codeCsp(expr: string): string {
  return [...expr.matchAll(/(["'`])((?:(?!\1).)*)\1/g)].map((m) => (m[2] ?? '').replaceAll('${', ' ${')).join('; ');
}
/** What a strict HMI policy must say; `connect` lists what connect-src may name. */
function strictCspProblems(where: string, policy: string | null, connect: (source: string) => boolean): string[] {
  if (policy === null) return [`${where}: no Content-Security-Policy`];
  const csp = parseCsp(policy);
  const problems: string[] = [];
  const is = (name: string, expected: string[]) => {
    const v = csp.get(name);
    if (!v || v.join(' ') !== expected.join(' ')) problems.push(`${where}: ${name} is "${v?.join(' ') ?? '(missing)'}", not "${expected.join(' ')}"`);
  };
  const fallback = csp.get('default-src');
  if (!fallback || !fallback.every((s) => s === "'self'" || s === "'none'")) problems.push(`${where}: default-src must be 'self' or 'none'`);
  is('script-src', ["'self'"]);
  is('object-src', ["'none'"]);
  is('base-uri', ["'none'"]);
  for (const [name, values] of csp) {
    for (const v of values) {
      if (v === '*' || (/^(https?|wss?|data|blob|file):$/.test(v) && !(name === 'img-src' && v === 'data:')))
        problems.push(`${where}: ${name} allows any "${v}"`);
      if (v === "'unsafe-eval'" || v === "'wasm-unsafe-eval'" || (v === "'unsafe-inline'" && name !== 'style-src'))
        problems.push(`${where}: ${name} allows ${v}`);
    }
  }
  const conn = csp.get('connect-src');
  if (!conn) problems.push(`${where}: no connect-src`);
  else for (const s of conn) if (!connect(s)) problems.push(`${where}: connect-src names ${s}`);
  return problems;
}

// ---- the shell's windows -------------------------------------------------------------------------------------------

const WINDOW_CLASSES = /^(BrowserWindow|BrowserView|WebContentsView)$/;

/** Every window the shell makes, and its webPreferences (null when not an explicit object literal). */
function windows(src: Sources) {
  return find(src, shellFiles(src), ts.isNewExpression)
    .filter((f) => WINDOW_CLASSES.test(f.node.expression.getText(f.sf)))
    .map((f) => {
      const options = f.node.arguments?.[0];
      const prefs = options && ts.isObjectLiteralExpression(options) ? prop(options, 'webPreferences')?.initializer : undefined;
      return { at: where(f), prefs: prefs && ts.isObjectLiteralExpression(prefs) ? prefs : null };
    });
}
/** Each window's webPreferences must say `name` as `want` says; a window without explicit preferences fails. */
function preference(src: Sources, name: string, want: (e: ts.Expression | undefined) => boolean, what: string): string[] {
  const wins = windows(src);
  if (wins.length === 0) return ['main/electron makes no window: the checks cannot see its preferences'];
  return wins.flatMap((w) =>
    w.prefs === null ? [`${w.at}: webPreferences not given as an object literal`] : want(prop(w.prefs, name)?.initializer) ? [] : [`${w.at}: ${name} ${what}`],
  );
}
/** A property set anywhere in the shell to a value it must never have. */
function nowhere(src: Sources, name: string, bad: (e: ts.Expression) => boolean): string[] {
  return find(src, shellFiles(src), ts.isPropertyAssignment)
    .filter((f) => f.node.name.getText(f.sf) === name && bad(f.node.initializer))
    .map((f) => `${where(f)}: ${f.node.getText(f.sf)}`);
}
/** Command-line switches appended to Chromium's that weaken it. */
function switches(src: Sources, bad: RegExp): string[] {
  return calls(src, shellFiles(src), /commandLine\.append(Switch|Argument)$/)
    .filter((c) => bad.test(c.node.arguments[0]?.getText(c.sf) ?? ''))
    .map((c) => `${where(c)}: ${c.node.getText(c.sf)}`);
}
/** A call on every web contents the app creates: inside the function that app.on('web-contents-created') runs. */
function guardedContents(src: Sources): ts.FunctionLikeDeclaration[] {
  const created = calls(src, shellFiles(src), /^app\.on$/).filter((c) => c.node.arguments[0]?.getText(c.sf) === "'web-contents-created'");
  const out: ts.FunctionLikeDeclaration[] = [];
  for (const c of created) {
    const fn = handlerFunction(c.sf, c.node.arguments[1]);
    if (!fn) continue;
    out.push(fn);
    // One level down: a function of the shell it calls with the contents (guardContents(contents, log)).
    for (const call of all(fn).filter(ts.isCallExpression)) {
      const name = call.expression.getText(c.sf);
      for (const file of shellFiles(src)) {
        const sf = parse(file, text(src, file));
        const decl = all(sf).find((n): n is ts.FunctionDeclaration => ts.isFunctionDeclaration(n) && n.name?.text === name);
        if (decl) out.push(decl);
      }
    }
  }
  return out;
}
const inGuards = (src: Sources, pattern: RegExp) =>
  guardedContents(src).flatMap((fn) => all(fn).filter((n): n is ts.CallExpression => ts.isCallExpression(n) && pattern.test(n.expression.getText())));

// ---- the items -------------------------------------------------------------------------------------------------------

/** The fuses electron-builder flips in the packaged binary (checklist 19). */
export const EXPECTED_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
} as const;

/** The YAML parser electron-builder itself reads its configuration with. */
const yaml = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'))('js-yaml') as { load(text: string): unknown };

/** Electron ships a major every 8 weeks and supports the latest three; 45.0.0 came out on 2026-10-21. */
export function oldestSupportedMajor(now: Date): number {
  const current = 45 + Math.max(0, Math.floor((now.getTime() - Date.parse('2026-10-21')) / (56 * 86_400_000)));
  // One major of grace: the release dates drift, and an upgrade takes a little while.
  return current - 3;
}

const APP_PAGE_ARG = (s: string) => s === 'APP_PAGE' || /^['"`]app:\/\/mes\//.test(s);

export const CHECKLIST: readonly ChecklistItem[] = [
  {
    n: 1,
    title: 'Only load secure content',
    check: (src) => [
      ...calls(src, shellFiles(src), /\.loadURL$/)
        .filter((c) => !APP_PAGE_ARG(c.node.arguments[0]?.getText(c.sf) ?? ''))
        .map((c) => `${where(c)}: loads ${c.node.arguments[0]?.getText(c.sf)}, not the app page`),
      ...[...text(src, 'renderer/index.html').matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/g)]
        .filter((m) => /^(?:[a-z][\w+.-]*:|\/\/)/i.test(m[1] ?? '') && !(m[1] ?? '').startsWith('data:'))
        .map((m) => `renderer/index.html: loads ${m[1]} from outside the app`),
    ],
  },
  {
    n: 2,
    title: 'Do not enable Node.js integration for remote content',
    check: (src) => [
      ...preference(src, 'nodeIntegration', isFalse, 'must be false'),
      ...nowhere(src, 'nodeIntegration', (e) => !isFalse(e)),
      ...nowhere(src, 'nodeIntegrationInWorker', (e) => !isFalse(e)),
      ...nowhere(src, 'nodeIntegrationInSubFrames', (e) => !isFalse(e)),
    ],
  },
  {
    n: 3,
    title: 'Enable context isolation',
    check: (src) => [...preference(src, 'contextIsolation', isTrue, 'must be true'), ...nowhere(src, 'contextIsolation', (e) => !isTrue(e))],
  },
  {
    n: 4,
    title: 'Enable process sandboxing',
    check: (src) => [
      ...preference(src, 'sandbox', isTrue, 'must be true'),
      ...nowhere(src, 'sandbox', (e) => !isTrue(e)),
      ...(calls(src, ['main/electron/index.ts'], /^app\.enableSandbox$/).length === 1 ? [] : ['main/electron/index.ts: app.enableSandbox() is not called']),
      ...switches(src, /no-sandbox|disable-gpu-sandbox|no-zygote/),
    ],
  },
  {
    n: 5,
    title: 'Handle session permission requests from remote content',
    check: (src) => {
      const problems: string[] = [];
      for (const name of ['setPermissionRequestHandler', 'setPermissionCheckHandler']) {
        const set = calls(src, shellFiles(src), new RegExp(`\\.${name}$`));
        if (set.length === 0) problems.push(`no session ${name}`);
        for (const c of set) {
          const fn = handlerFunction(c.sf, c.node.arguments[0]);
          const decides = fn !== null && all(fn).some((n) => ts.isCallExpression(n) && n.expression.getText(c.sf) === 'permissionAllowed');
          if (!decides || /callback\(true\)|=> true\b/.test(fn.getText(c.sf))) problems.push(`${where(c)}: ${name} does not decide by permissionAllowed`);
        }
      }
      const devices = calls(src, shellFiles(src), /\.setDevicePermissionHandler$/);
      if (devices.length === 0 || devices.some((c) => c.node.arguments[0]?.getText(c.sf) !== '() => false'))
        problems.push('no setDevicePermissionHandler(() => false)');
      const needed = constText(src, 'main/electron/security.ts', 'HMI_PERMISSIONS');
      if (needed === null || !/^new Set(<string>)?\((\[\])?\)$/.test(needed)) problems.push(`the HMI is granted permissions: HMI_PERMISSIONS = ${needed}`);
      return problems;
    },
  },
  {
    n: 6,
    title: 'Do not disable webSecurity',
    check: (src) => [
      ...preference(src, 'webSecurity', (e) => e === undefined || isTrue(e), 'must not be false'),
      ...nowhere(src, 'webSecurity', (e) => !isTrue(e)),
      ...rendererFiles(src)
        .filter((f) => /disablewebsecurity/i.test(text(src, f)))
        .map((f) => `${f}: disablewebsecurity`),
      ...switches(src, /disable-web-security|disable-site-isolation|ignore-certificate-errors|allow-insecure-localhost/),
    ],
  },
  {
    n: 7,
    title: 'Define a Content Security Policy',
    check: (src) => {
      const appCsp = constText(src, 'main/electron/security.ts', 'APP_CSP');
      const problems = [
        // The page itself: its own origin only (the station's origin in a browser, app://mes in the desktop app).
        ...strictCspProblems('renderer/index.html', metaCsp(text(src, 'renderer/index.html')), (s) => s === "'self'"),
        // The desktop app: it talks IPC, so it connects nowhere.
        ...strictCspProblems('APP_CSP (main/electron/security.ts)', appCsp === null ? null : codeCsp(appCsp), (s) => s === "'none'" || s === "'self'"),
      ];
      // The browser HMI served by the station: its own origin and its own WebSocket, named from the Host header.
      const fn = find(src, ['main/api/static-files.ts'], ts.isFunctionDeclaration).find((f) => f.node.name?.text === 'hmiCsp');
      const browser = fn ? codeCsp(fn.node.body?.statements.at(-1)?.getText(fn.sf) ?? '') : null;
      problems.push(...strictCspProblems('hmiCsp (main/api/static-files.ts)', browser, (s) => s === "'self'" || s === '${live}'));
      if (fn && !/\$\{secure \? 'wss' : 'ws'\}:\/\/\$\{host/.test(fn.node.getText(fn.sf)))
        problems.push("hmiCsp: the WebSocket source is not this station's own origin");
      if (!/'content-security-policy':\s*hmiCsp\(/.test(text(src, 'main/api/static-files.ts')))
        problems.push('main/api/static-files.ts: the HMI is served without hmiCsp');
      if (!/'content-security-policy':\s*APP_CSP/.test(text(src, 'main/electron/app-protocol.ts')))
        problems.push('main/electron/app-protocol.ts: app:// answers without APP_CSP');
      if (calls(src, ['main/electron/window.ts'], /webRequest\.onHeadersReceived$/).length === 0)
        problems.push('main/electron/window.ts: no CSP header on the session');
      return problems;
    },
  },
  {
    n: 8,
    title: 'Do not enable allowRunningInsecureContent',
    check: (src) => [
      ...preference(src, 'allowRunningInsecureContent', (e) => e === undefined || isFalse(e), 'must not be true'),
      ...nowhere(src, 'allowRunningInsecureContent', (e) => !isFalse(e)),
    ],
  },
  {
    n: 9,
    title: 'Do not enable experimental features',
    check: (src) => [...nowhere(src, 'experimentalFeatures', (e) => !isFalse(e)), ...switches(src, /enable-experimental-web-platform-features/)],
  },
  {
    n: 10,
    title: 'Do not use enableBlinkFeatures',
    check: (src) => [...nowhere(src, 'enableBlinkFeatures', () => true), ...switches(src, /enable-blink-features/)],
  },
  {
    n: 11,
    title: '<webview>: Do not use allowpopups',
    check: (src) => [
      ...nowhere(src, 'webviewTag', (e) => !isFalse(e)),
      ...[...rendererFiles(src), 'preload/index.ts'].filter((f) => /allowpopups|<webview/i.test(text(src, f))).map((f) => `${f}: a <webview> or allowpopups`),
    ],
  },
  {
    n: 12,
    title: '<webview>: Verify options and params',
    check: (src) =>
      inGuards(src, /\.on$/).some((c) => c.arguments[0]?.getText() === "'will-attach-webview'" && /\.preventDefault\(\)/.test(c.arguments[1]?.getText() ?? ''))
        ? []
        : ["no 'will-attach-webview' refusal on every web contents (app.on('web-contents-created'))"],
  },
  {
    n: 13,
    title: 'Disable or limit navigation',
    check: (src) => {
      const nav = inGuards(src, /\.on$/).filter((c) => c.arguments[0]?.getText() === "'will-navigate'");
      const refuses = nav.some((c) => {
        const fn = c.arguments[1];
        return (
          fn !== undefined &&
          (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
          ts.isBlock(fn.body) &&
          /^\w+\.preventDefault\(\);$/.test(fn.body.statements[0]?.getText() ?? '')
        );
      });
      return refuses ? [] : ["no unconditional 'will-navigate' refusal on every web contents"];
    },
  },
  {
    n: 14,
    title: 'Disable or limit creation of new windows',
    check: (src) => {
      const handlers = inGuards(src, /\.setWindowOpenHandler$/);
      const problems = handlers.length === 0 ? ['no setWindowOpenHandler on every web contents'] : [];
      for (const h of handlers) {
        const fn = h.arguments[0];
        const body = fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) ? fn.body : undefined;
        const results =
          body === undefined
            ? []
            : ts.isBlock(body)
              ? all(body)
                  .filter(ts.isReturnStatement)
                  .map((r) => r.expression)
              : [body];
        const deny = (e: ts.Expression | undefined) => e?.getText().replace(/[\s()]/g, '') === "{action:'deny'}";
        if (results.length === 0 || !results.every(deny)) problems.push('a window open handler does not always deny');
      }
      problems.push(...nowhere(src, 'action', (e) => e.getText() !== "'deny'"));
      return problems;
    },
  },
  {
    n: 15,
    title: 'Do not use shell.openExternal with untrusted content',
    check: (src) =>
      calls(src, shellFiles(src), /(^|\.)openExternal$/).flatMap((c) => {
        const fn = enclosingFunction(c.node);
        const guard = fn ? all(fn).find((n) => ts.isIfStatement(n) && /^!externalLinkAllowed\(/.test(n.expression.getText(c.sf))) : undefined;
        const guarded =
          guard !== undefined && guard.getEnd() < c.node.getStart(c.sf) && /\breturn\b/.test((guard as ts.IfStatement).thenStatement.getText(c.sf));
        return guarded ? [] : [`${where(c)}: shell.openExternal without the externalLinkAllowed check before it`];
      }),
  },
  {
    n: 16,
    title: 'Use a current version of Electron',
    check: (src) => {
      const wanted = (JSON.parse(text(src, 'package.json')) as { devDependencies?: Record<string, string> }).devDependencies?.electron ?? '';
      const installed = (JSON.parse(text(src, 'node_modules/electron/package.json')) as { version: string }).version;
      const major = Number(installed.split('.')[0]);
      const floor = oldestSupportedMajor(new Date());
      return [
        ...(/^\^\d+\.\d+\.\d+$/.test(wanted) && Number(wanted.slice(1).split('.')[0]) === major
          ? []
          : [`package.json asks for electron "${wanted}", ${installed} is installed`]),
        ...(major >= floor ? [] : [`Electron ${installed} is past its support (the oldest supported major is about ${floor}): upgrade`]),
      ];
    },
  },
  {
    n: 17,
    title: 'Validate the sender of all IPC messages',
    check: (src) => {
      const problems = calls(src, shellFiles(src), /^(ipcMain|\w+\.ipc)\.(handle|handleOnce|on|once|addListener)$/).flatMap((c) => {
        const fn = handlerFunction(c.sf, c.node.arguments[1]);
        const first = fn?.body && ts.isBlock(fn.body) ? fn.body.statements[0] : undefined;
        const ok =
          first !== undefined &&
          ts.isIfStatement(first) &&
          /^!trusted\(\w+\)$/.test(first.expression.getText(c.sf)) &&
          /^return\b/.test(first.thenStatement.getText(c.sf));
        return ok ? [] : [`${where(c)}: the handler does not begin with if (!trusted(event)) return`];
      });
      const trusted = find(src, ['main/electron/ipc.ts'], ts.isFunctionDeclaration).find((f) => f.node.name?.text === 'trusted');
      const body = trusted?.node.body?.getText(trusted.sf) ?? '';
      if (!/isAppPage\(frame\.url\)/.test(body) || !/frame\.parent === null/.test(body))
        problems.push('trusted() does not check for the top frame showing exactly the app page');
      const isAppPage = find(src, ['main/electron/security.ts'], ts.isFunctionDeclaration).find((f) => f.node.name?.text === 'isAppPage');
      const exact = isAppPage?.node.body?.getText(isAppPage.sf) ?? '';
      if (!/=== APP_PAGE/.test(exact) || /startsWith|includes|indexOf\(APP|match|test\(/.test(exact))
        problems.push('isAppPage is not an exact comparison with APP_PAGE');
      if (constText(src, 'main/electron/security.ts', 'APP_PAGE') !== '`${APP_ORIGIN}/index.html`') problems.push('APP_PAGE is not app://mes/index.html');
      return problems;
    },
  },
  {
    n: 18,
    title: 'Avoid usage of the file:// protocol and prefer usage of custom protocols',
    check: (src) => {
      const problems = [
        ...calls(src, shellFiles(src), /\.loadFile$/).map((c) => `${where(c)}: loadFile (file://)`),
        ...shellFiles(src)
          .filter((f) => /['"`]file:|pathToFileURL/.test(text(src, f)))
          .map((f) => `${f}: uses file: URLs`),
      ];
      const privileged = calls(src, shellFiles(src), /^protocol\.registerSchemesAsPrivileged$/).map((c) => c.node.getText(c.sf).replace(/\s/g, ''));
      if (!privileged.some((p) => p.includes('scheme:APP_SCHEME') && p.includes('standard:true') && p.includes('secure:true')))
        problems.push('app: is not registered as a standard, secure scheme');
      if (privileged.some((p) => /bypassCSP:true|corsEnabled:true|allowServiceWorkers:true/.test(p)))
        problems.push('app: is given privileges the HMI does not need (bypassCSP, CORS, service workers)');
      if (calls(src, shellFiles(src), /^protocol\.handle$/).filter((c) => c.node.arguments[0]?.getText(c.sf) === 'APP_SCHEME').length !== 1)
        problems.push('app: has no protocol.handle');
      if (!/resolveAppFile\(root, request\.url\)/.test(text(src, 'main/electron/app-protocol.ts')))
        problems.push('app:// does not resolve its files through resolveAppFile');
      return problems;
    },
  },
  {
    n: 19,
    title: 'Check which fuses you can change',
    check: (src) => {
      const config = yaml.load(text(src, 'electron-builder.yml')) as { electronFuses?: Record<string, unknown>; asar?: unknown } | null;
      const problems: string[] = [];
      const fuses = config?.electronFuses ?? {};
      for (const [fuse, want] of Object.entries(EXPECTED_FUSES))
        if (fuses[fuse] !== want) problems.push(`electron-builder.yml: electronFuses.${fuse} is ${String(fuses[fuse])}, not ${want}`);
      if (config?.asar === false) problems.push('electron-builder.yml: asar is off (onlyLoadAppFromAsar needs it)');
      // Nothing of the app may need what the fuses switch off.
      const mainFiles = [...src.keys()].filter((p) => p.startsWith('main/') && p.endsWith('.ts'));
      for (const f of find(src, mainFiles, (n): n is ts.Node => ts.isIdentifier(n) || ts.isStringLiteralLike(n))) {
        const name = ts.isIdentifier(f.node) ? f.node.text : (f.node as ts.StringLiteralLike).text;
        if (/^(ELECTRON_RUN_AS_NODE|NODE_OPTIONS)$/.test(name)) problems.push(`${where(f)}: relies on ${name}, which the fuses switch off`);
      }
      for (const f of find(src, shellFiles(src), ts.isImportDeclaration)) {
        if (/^['"](node:)?child_process['"]$/.test(f.node.moduleSpecifier.getText(f.sf)))
          problems.push(`${where(f)}: child_process in the shell (running the Electron binary as Node needs RunAsNode); use utilityProcess`);
      }
      for (const f of find(src, shellFiles(src), ts.isPropertyAccessExpression)) {
        if (f.node.getText(f.sf) === 'process.execPath')
          problems.push(`${where(f)}: process.execPath is the Electron binary, which cannot run as Node with RunAsNode off`);
      }
      return problems;
    },
  },
  {
    n: 20,
    title: 'Do not expose Electron APIs to untrusted web content',
    check: (src) => {
      const preload = 'preload/index.ts';
      const problems: string[] = [];
      const exposed = calls(src, [preload], /^contextBridge\.(exposeInMainWorld|exposeInIsolatedWorld)$/);
      if (exposed.length !== 1 || exposed[0]?.node.arguments[0]?.getText(exposed[0].sf) !== "'mes'")
        problems.push('the preload must expose exactly one API, window.mes');
      const sf = parse(preload, text(src, preload));
      for (const id of all(sf).filter(ts.isIdentifier)) {
        if (id.text !== 'ipcRenderer' && id.text !== 'contextBridge' && id.text !== 'webFrame') continue;
        if (ts.isImportSpecifier(id.parent)) continue;
        const use = id.parent;
        const method = ts.isPropertyAccessExpression(use) && use.expression === id ? use.name.text : null;
        if (id.text === 'contextBridge' && method === 'exposeInMainWorld') continue;
        if (
          id.text === 'ipcRenderer' &&
          method &&
          ['invoke', 'send', 'on', 'once', 'removeListener', 'off'].includes(method) &&
          ts.isCallExpression(use.parent) &&
          use.parent.expression === use
        )
          continue;
        problems.push(`${preload}: ${id.text} used as ${use.getText(sf)}, not through one of its calls`);
      }
      const channels = new Set(
        [...text(src, 'main/electron/ipc.ts').matchAll(/export const IPC = \{([^}]*)\}/g)].flatMap((m) =>
          [...(m[1] ?? '').matchAll(/'([^']+)'/g)].map((c) => c[1] ?? ''),
        ),
      );
      for (const c of calls(src, [preload], /^ipcRenderer\./)) {
        const channel = c.node.arguments[0];
        if (!channel || !ts.isStringLiteral(channel) || !channels.has(channel.text))
          problems.push(`${where(c)}: channel ${channel?.getText(c.sf)} is not one of main/electron/ipc.ts's IPC channels`);
      }
      // A listener gets the IPC event, whose sender is ipcRenderer itself: the page's callback must never receive it.
      for (const c of calls(src, [preload], /^ipcRenderer\.(on|once)$/)) {
        const fn = handlerFunction(c.sf, c.node.arguments[1]);
        const event = fn?.parameters[0]?.name.getText(c.sf) ?? '';
        if (!fn || !event.startsWith('_')) problems.push(`${where(c)}: the listener may pass the IPC event (and ipcRenderer) on to the page`);
      }
      return problems;
    },
  },
  {
    n: 21,
    title: 'Do not use the remote module (removed in Electron 14)',
    check: (src) => [
      ...[...src.keys()]
        .filter((f) => /^(main|preload|renderer)\//.test(f) && /@electron\/remote|enableRemoteModule|electron\.remote\b/.test(text(src, f)))
        .map((f) => `${f}: the remote module`),
      ...(/"@electron\/remote"/.test(text(src, 'package.json')) ? ['package.json: @electron/remote'] : []),
    ],
  },
];
