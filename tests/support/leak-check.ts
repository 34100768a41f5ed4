import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { after } from 'node:test';

/**
 * Loaded into every test process (scripts/test.mjs: --import). A test file must leave nothing running: once its
 * tests and their after-hooks are done the process exits by itself. If something still holds it open (a socket,
 * a server, a timer, a child process) a few seconds later, this names what and fails the file, instead of letting
 * the run hang until its timeout. The timer is unref'd: a clean file exits before it fires.
 *
 * Processes too (Linux, through /proc): when the file's process exits, every process it started, directly or not,
 * must have gone. One still running fails the file, named by pid and command line, and is then killed so that it
 * does not outlive the run. "Started by this file" is: its parent chain leads to this process, or it carries this
 * process's mark in its environment (set below, inherited by whatever the tests spawn), which still holds for an
 * orphan whose parent died and which the system handed to init.
 */
const GRACE_MS = Number(process.env.MES_LEAK_GRACE_MS ?? 10_000);
/** How long a process may take to go after the test process is done with it (e.g. a child stopping on stdin EOF). */
const PROCESS_GRACE_MS = Number(process.env.MES_LEAK_PROCESS_GRACE_MS ?? 3000);
const MARK = 'MES_LEAK_CHECK_OWNER';
const token = `${process.pid}-${randomUUID()}`;
process.env[MARK] = token;

interface Proc {
  readonly pid: number;
  readonly ppid: number;
  readonly state: string;
  readonly command: string;
}

const scanProcesses = process.platform === 'linux' && existsSync('/proc/self/stat');
/** The test tooling's own helpers (tsx's esbuild service; it exits with us) are not the test file's doing. */
const TOOLING = /(^|\/)esbuild(\s.*)?\s--service=/;

function readProc(pid: number): Proc | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const [state = '?', ppid = '0'] = stat.slice(close + 2).split(' ');
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, ppid: Number(ppid), state, command: argv.length > 0 ? argv.join(' ') : `[${stat.slice(stat.indexOf('(') + 1, close)}]` };
  } catch {
    return null; // gone meanwhile, or not ours to read
  }
}

function marked(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`${MARK}=${token}`);
  } catch {
    return false;
  }
}

/** Live processes started by this test process, directly or not, apart from those already there at load. */
function ourProcesses(): Proc[] {
  if (!scanProcesses) return [];
  const all = new Map<number, Proc>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const p = readProc(Number(name));
    if (p) all.set(p.pid, p);
  }
  const descends = (p: Proc) => {
    for (let q: Proc | undefined = p, hops = 0; q && hops < 100; q = all.get(q.ppid), hops++) if (q.ppid === process.pid) return true;
    return false;
  };
  return [...all.values()].filter(
    (p) => p.pid !== process.pid && p.state !== 'Z' && !atLoad.has(p.pid) && !TOOLING.test(p.command) && (descends(p) || marked(p.pid)),
  );
}

const atLoad = new Set<number>();
for (const p of ourProcesses()) atLoad.add(p.pid);

/** What is still running once PROCESS_GRACE_MS has passed (a synchronous wait: this runs in the 'exit' event too). */
function strayProcesses(): Proc[] {
  const until = Date.now() + PROCESS_GRACE_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let left = ourProcesses();
  while (left.length > 0 && Date.now() < until) {
    Atomics.wait(pause, 0, 0, 100);
    left = ourProcesses();
  }
  return left;
}

const describe = (procs: readonly Proc[]) => procs.map((p) => `  pid ${p.pid}: ${p.command}`).join('\n');

function killAll(procs: readonly Proc[]): void {
  for (const p of procs) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

let reported = false;

after(() => {
  setTimeout(() => {
    reported = true;
    const open = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap');
    const procs = ourProcesses();
    process.stderr.write(
      `\nLEAK: this test file left resources open ${GRACE_MS} ms after its last test: ${open.join(', ') || '(unnamed handles)'}.\n` +
        (procs.length > 0 ? `Processes it started are still running (now killed):\n${describe(procs)}\n` : '') +
        'Dispose what the tests start (servers, sockets, child processes, timers) in after() hooks.\n',
    );
    killAll(procs);
    process.exit(1);
  }, GRACE_MS).unref();
});

// After the last after-hook: the process is on its way out, so anything it started should be gone.
process.on('exit', () => {
  if (reported || !scanProcesses) return;
  const procs = strayProcesses();
  if (procs.length === 0) return;
  process.stderr.write(
    `\nLEAK: this test file left processes running after its last test (now killed):\n${describe(procs)}\n` +
      'Stop what the tests start, and wait for it to exit, in after() hooks.\n',
  );
  killAll(procs);
  process.exitCode = 1;
});
