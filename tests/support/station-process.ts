import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot } from './station-fixtures';

import { freePort } from './free-port';

export { freePort };

export interface StationProcess {
  /** The HMI's address, as the station printed it. */
  readonly url: string;
  /** What it printed, stdout and stderr (its log) line by line. */
  readonly output: string[];
  readonly pid: number;
  /** The line simulator's process (with --simulate), from the station's log. */
  readonly simulatorPid: number | null;
  /** A plant station's first start: the administrator it created and its one-time password, as printed on stdout. */
  readonly firstAdmin: { readonly username: string; readonly password: string } | null;
  /** Settles when the station process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Signals the station; with `processGroup`, its whole process group, as a terminal's Ctrl-C does. */
  kill(signal: NodeJS.Signals, processGroup?: boolean): void;
  /** SIGTERM, SIGKILL if it has not stopped within 10 s; resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * The built station as a user runs it: `mes station --simulate`, its own process with its own simulator process.
 * With `plant`, `mes station` as a plant runs it: no simulator, no demo line, products or users; on its first start it
 * prints the administrator it created (`firstAdmin`).
 */
export async function startStationProcess(
  dataDir: string,
  extra: string[] = [],
  /** `processGroup`: it leads a process group of its own (with its simulator), as a command run in a terminal does. */
  options: { port?: number; processGroup?: boolean; plant?: boolean } = {},
): Promise<StationProcess> {
  const port = options.port ?? (await freePort());
  const mode = options.plant ? [] : ['--simulate', '--empty'];
  const child: ChildProcess = spawn(
    process.execPath,
    [join(projectRoot, 'out', 'main', 'cli.js'), 'station', ...mode, '--port', String(port), '--data-dir', dataDir, ...extra],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], detached: options.processGroup === true },
  );
  const output: string[] = [];
  let simulatorPid: number | null = null;
  createInterface({ input: child.stderr! }).on('line', (line) => {
    output.push(line);
    const m = /line simulator \(pid (\d+)\)/.exec(line);
    if (m) simulatorPid = Number(m[1]);
  });
  // 'close': exited, and all it printed read.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const stop = async () => {
    if (gone()) return;
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.kill('SIGTERM');
    await exited;
    clearTimeout(kill);
  };
  let firstAdmin: { username: string; password: string } | null = null;
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`station did not start in 60 s:\n${output.join('\n')}`)), 60_000);
      let hmi: string | null = null;
      createInterface({ input: child.stdout! }).on('line', (line) => {
        output.push(line);
        const m = /Open the HMI: (\S+?)\/?$/.exec(line);
        if (m) hmi = m[1] as string;
        const admin = /first start: an administrator was created\. Sign in as "([^"]+)" with password "([^"]+)"/.exec(line);
        if (admin) firstAdmin = { username: admin[1] as string, password: admin[2] as string };
        // A plant station's start-up text ends with what to set up next (after the first administrator, if any).
        const ready = options.plant ? /^\s*no line yet\?/.test(line) : m !== null;
        if (hmi && ready) {
          clearTimeout(timer);
          resolve(hmi);
        }
      });
      void exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`station exited (${code ?? signal}):\n${output.join('\n')}`));
      });
    });
    return {
      url,
      output,
      pid: child.pid ?? 0,
      get simulatorPid() {
        return simulatorPid;
      },
      firstAdmin,
      exited,
      kill: (signal, processGroup = false) => {
        if (processGroup && child.pid) process.kill(-child.pid, signal);
        else child.kill(signal);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
