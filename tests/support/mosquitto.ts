import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

/**
 * A private Mosquitto broker for a test: Debian's /usr/sbin/mosquitto (never the system service) on a free
 * loopback port, with its own config in a temp folder, anonymous, no persistence. stop()/start() and restart()
 * keep the port, so clients can reconnect to the same URL.
 */
export interface MosquittoBroker {
  readonly url: string;
  readonly port: number;
  /** Last lines the broker printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Stops the broker and removes its folder. */
  dispose(): Promise<void>;
}

export interface MosquittoOptions {
  readonly executable?: string;
  /** More mosquitto.conf lines. */
  readonly config?: readonly string[];
  /** ACL file lines (mosquitto.conf `acl_file`), e.g. ['topic readwrite plant/#', 'topic read readonly/#']. */
  readonly acl?: readonly string[];
  /** User names and passwords: only these may log in (no anonymous clients). */
  readonly users?: Readonly<Record<string, string>>;
}

const STARTUP_TIMEOUT_MS = 5_000;

export async function startMosquitto(options: MosquittoOptions = {}): Promise<MosquittoBroker> {
  const executable = options.executable ?? '/usr/sbin/mosquitto';
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mes-mosquitto-'));
  const port = await freePort();
  const configFile = path.join(dir, 'mosquitto.conf');
  const config = [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'log_dest stderr', 'log_type error', 'log_type warning', ...(options.config ?? [])];
  // Run as root, mosquitto drops to its own user before it reads ACL and password files: let that user read them.
  if (options.acl || options.users) await chmod(dir, 0o755);
  if (options.users) {
    const passwordFile = path.join(dir, 'passwords');
    await writeFile(passwordFile, '', { mode: 0o644 });
    for (const [user, password] of Object.entries(options.users)) execFileSync('/usr/bin/mosquitto_passwd', ['-b', passwordFile, user, password]);
    await chmod(passwordFile, 0o644);
    config[1] = 'allow_anonymous false';
    config.push(`password_file ${passwordFile}`);
  }
  if (options.acl) {
    const aclFile = path.join(dir, 'acl');
    await writeFile(aclFile, `${options.acl.join('\n')}\n`, { mode: 0o644 });
    config.push(`acl_file ${aclFile}`);
  }
  await writeFile(configFile, `${config.join('\n')}\n`);
  let child: ChildProcess | undefined;
  let log: string[] = [];

  const start = async (): Promise<void> => {
    if (child) return;
    const proc = spawn(executable, ['-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    // A test process that ends without dispose() (a crash, an interrupted run) must not leave its broker behind.
    const killOnExit = (): void => void proc.kill('SIGKILL');
    process.once('exit', killOnExit);
    proc.once('exit', () => process.removeListener('exit', killOnExit));
    proc.stderr?.on('data', (chunk: Buffer) => {
      log = [...log, ...chunk.toString('utf8').split('\n').filter(Boolean)].slice(-20);
    });
    const exited = new Promise<never>((_, reject) => proc.once('exit', (code) => reject(new Error(`mosquitto exited (code ${code}): ${log.join(' | ')}`))));
    exited.catch(() => undefined);
    proc.once('exit', () => {
      if (child === proc) child = undefined;
    });
    try {
      await Promise.race([waitForPort(port, STARTUP_TIMEOUT_MS), exited]);
    } catch (err) {
      proc.kill('SIGKILL');
      child = undefined;
      throw err;
    }
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    if (!proc) return;
    child = undefined;
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 2_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await start();
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    output: () => log.join('\n'),
    stop,
    start,
    restart: async () => {
      await stop();
      await start();
    },
    dispose: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}


async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`mosquitto did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
