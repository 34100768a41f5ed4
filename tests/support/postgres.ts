import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';

/**
 * A private PostgreSQL for a test: Debian's server binaries (never the system cluster), a cluster of its own in a
 * temp folder on a free loopback port. PostgreSQL will not run as root: as root, its commands run as the `postgres`
 * user. stop()/start() keep the port and the data, so clients reconnect to the same URL.
 */
export interface RunningPostgres {
  /** The superuser's URL to a database of its own (created). */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** SIGKILL to the server and every backend at once, as a power cut does; start() then recovers from its WAL. */
  kill(): Promise<void>;
  /** The server's own account of what went on (its log file). */
  log(): string;
  /** Stops the server and removes its folder. */
  dispose(): Promise<void>;
}

/** The newest PostgreSQL server Debian installed, or null. */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'postgres'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

export async function startPostgres(database = 'plant', o: { readonly tls?: { readonly cert: string; readonly key: string } } = {}): Promise<RunningPostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (Debian package postgresql): the test command installs it.');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mes-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? { uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()) } : null;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const run = (cmd: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : path.join(bin, cmd), asRoot ? ['-u', 'postgres', '--', path.join(bin, cmd), ...args] : args, { cwd: dir, stdio: 'pipe' });
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  let options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c max_connections=50`;
  if (o.tls) {
    // TLS with the certificate given: the server's files, its key readable by it alone.
    writeFileSync(path.join(dir, 'server.crt'), o.tls.cert);
    writeFileSync(path.join(dir, 'server.key'), o.tls.key, { mode: 0o600 });
    if (owner) for (const f of ['server.crt', 'server.key']) chownSync(path.join(dir, f), owner.uid, owner.gid);
    options += ` -c ssl=on -c ssl_cert_file=${path.join(dir, 'server.crt')} -c ssl_key_file=${path.join(dir, 'server.key')}`;
  }
  const start = async () => {
    run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '30', 'start']);
  };
  const stop = async () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    } catch {
      // Already stopped.
    }
  };
  const kill = async () => {
    const pid = Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    // Its backends: the processes whose parent it is (from /proc, field 4 of stat after the name in parentheses).
    const children = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((p) => {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    });
    for (const p of [pid, ...children]) process.kill(p, 'SIGKILL');
    // Gone, or a zombie nobody has reaped yet (dead all the same).
    const alive = (p: number) => {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
      } catch {
        return false;
      }
    };
    for (let i = 0; [pid, ...children].some(alive); i++) {
      if (i > 500) throw new Error('PostgreSQL did not die of SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // Where nobody reaps orphans (a container's init may not), the dead server stays a zombie under its PID, and a new
    // one takes its lock file for a live server's: removed, as a reboot after a power cut leaves no such process.
    rmSync(path.join(data, 'postmaster.pid'), { force: true });
    rmSync(path.join(dir, `.s.PGSQL.${port}.lock`), { force: true });
  };
  await start();
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${database}`,
    port,
    stop,
    start,
    kill,
    log: () => readFileSync(path.join(dir, 'server.log'), 'utf8'),
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

