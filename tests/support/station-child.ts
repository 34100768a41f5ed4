/**
 * A real station in a process of its own, for benchmarks that load it from outside: the load's clients (and the
 * browser's driver, the PLC watcher) must not share the station's event loop, or they would be measured as its delay.
 * The parent talks to it over the IPC channel: the station's event-loop delay (histogram and the stalls it had, with
 * their times and the CPU spent in them), a timeline of what the station did with each B2MML import (probes on the
 * station's own classes, added in this process only; the station's code is not changed), and what it warned of.
 *
 * Run as a child: `node --import tsx tests/support/station-child.ts` with the options in MES_STATION_CHILD (JSON).
 */
import { EventEmitter } from 'node:events';
import { Server, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { silentLog, startStation, type Log } from '../../main/station';
import { Commands } from '../../main/station/commands';
import { PasswordHasher } from '../../main/station/password-hasher';
import { EventStore } from '../../main/store';
import { forkChild } from './forked-child';
import { projectRoot, resourcesDir } from './station-fixtures';

export interface StationChildOptions {
  readonly dataDir: string;
  readonly simulatorEndpoint: string | null;
  readonly staticRoot?: string;
  /** Write a V8 CPU profile of the station process here when it stops (node --cpu-prof). */
  readonly cpuProfDir?: string;
  /**
   * What-if, for an experiment: at most this many password hashes at once instead of the station's own limit (set on
   * the hasher at run time, in this process only).
   */
  readonly hasherConcurrency?: number;
}

/** The station's event-loop delay over a window (monitorEventLoopDelay, 10 ms resolution). */
export interface LoopDelay {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/**
 * A time the station's loop did not turn: from `at` (epoch ms), for `ms` longer than its 10 ms tick. `cpuMs`: the
 * CPU time the loop's thread used meanwhile. Near `ms`: the station's own work held the loop; well below: the thread
 * waited (for a CPU the machine's other processes had, or in a system call such as fsync).
 */
export interface Stall {
  readonly at: number;
  readonly ms: number;
  readonly cpuMs: number;
}

/**
 * What the station did, with epoch-ms times from its own clock: a B2MML request arrived / its body was read / the
 * parsed message reached the command (Commands.importMessage) / the response was sent; and every group commit of the
 * event store that took longer than 20 ms: the transaction (BEGIN … COMMIT, the projections included) and the
 * listeners run after it (live stream, queries, line controller, exports). `cpu`: the CPU time (ms) the loop's thread
 * had used by then, so that the CPU of a step is the difference of two probes.
 */
export type Probe =
  | { readonly kind: 'b2mml-request' | 'b2mml-body' | 'b2mml-response'; readonly id: number; readonly at: number; readonly cpu: number; readonly bytes?: number }
  | { readonly kind: 'import-call'; readonly at: number; readonly cpu: number; readonly orders: number }
  /** An API answer of 256 KiB or more: its path, size, and the time from the request's arrival to its end. */
  | { readonly kind: 'large-answer'; readonly at: number; readonly path: string; readonly bytes: number; readonly ms: number }
  | {
      readonly kind: 'commit';
      readonly at: number;
      readonly jobs: number;
      readonly events: number;
      /** BEGIN … COMMIT, all of it. */
      readonly transactionMs: number;
      /** Of which the commands' own work (deciding, appending, projecting); the rest is BEGIN and COMMIT (the WAL write and its fsync). */
      readonly workMs: number;
      readonly listenersMs: number;
      /** The same three in CPU time of the loop's thread. */
      readonly transactionCpuMs: number;
      readonly workCpuMs: number;
      readonly listenersCpuMs: number;
    };

export interface StationChild {
  readonly url: string;
  readonly pid: number;
  /** Starts a new window of the event-loop delay histogram. */
  resetLoop(): Promise<void>;
  /** The histogram since the last reset. */
  readLoop(): Promise<LoopDelay>;
  /** Every stall of 50 ms or more since the start, the probes' timeline, and what the station warned of (its log). */
  timeline(): Promise<{ stalls: Stall[]; probes: Probe[]; warnings: string[] }>;
  /** Stops the station (and writes the CPU profile, if asked). */
  dispose(): Promise<void>;
}

type Request = { id: number; op: 'reset-loop' | 'read-loop' | 'timeline' | 'stop' };
type Reply = { id: number; value: unknown } | { ready: string } | { failed: string };

const self = fileURLToPath(import.meta.url);

/** Starts the station in a child process (a session of its own, as a service has); resolves once it serves HTTP. */
export async function startStationChild(options: StationChildOptions): Promise<StationChild> {
  const { child, exited, ready, ask: asked } = forkChild(self, {
    env: { MES_STATION_CHILD: JSON.stringify(options) },
    what: 'the station',
    execArgv: options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : [],
  });
  const url = (await ready) as string;
  const ask = <T>(op: Request['op']) => asked<T>({ op });
  let stopped = false;
  return {
    url,
    pid: child.pid ?? 0,
    resetLoop: () => ask<void>('reset-loop'),
    readLoop: () => ask<LoopDelay>('read-loop'),
    timeline: () => ask<{ stalls: Stall[]; probes: Probe[]; warnings: string[] }>('timeline'),
    dispose: async () => {
      if (stopped) return;
      stopped = true;
      const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
      if (child.connected) child.send({ id: 0, op: 'stop' } satisfies Request);
      else child.kill('SIGTERM');
      await exited;
      clearTimeout(kill);
    },
  };
}

const now = () => performance.timeOrigin + performance.now();
/** CPU time (user + system) of this thread, ms. */
const cpuNow = () => {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
};

/** Probes on the station's classes, in this process only: they time, and change nothing of what the station does. */
function installProbes(probes: Probe[]): void {
  let ids = 0;
  const emit = EventEmitter.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const [req, res] = args as [IncomingMessage, ServerResponse];
      const arrived = now();
      const end = res.end;
      res.end = function (this: ServerResponse, ...a: unknown[]) {
        const data = a[0];
        const bytes = typeof data === 'string' ? Buffer.byteLength(data) : Buffer.isBuffer(data) ? data.length : 0;
        if (bytes >= 256 * 1024) probes.push({ kind: 'large-answer', at: arrived, path: `${req.method} ${req.url?.split('?')[0] ?? ''}`, bytes, ms: now() - arrived });
        return end.apply(this, a as Parameters<typeof end>);
      } as typeof res.end;
      if (req.method === 'POST' && req.url?.startsWith('/api/v1/b2mml')) {
        const id = ++ids;
        let bytes = 0;
        probes.push({ kind: 'b2mml-request', id, at: now(), cpu: cpuNow() });
        req.on('data', (c: Buffer) => (bytes += c.length));
        req.once('end', () => probes.push({ kind: 'b2mml-body', id, at: now(), cpu: cpuNow(), bytes }));
        res.once('finish', () => probes.push({ kind: 'b2mml-response', id, at: now(), cpu: cpuNow() }));
      }
    }
    return emit.call(this, event, ...args);
  } as typeof Server.prototype.emit;

  const importMessage = Commands.prototype.importMessage;
  Commands.prototype.importMessage = function (this: Commands, ...args: Parameters<typeof importMessage>) {
    probes.push({ kind: 'import-call', at: now(), cpu: cpuNow(), orders: args[0].length });
    return importMessage.apply(this, args);
  };

  // Private members of the store, reached at run time: a probe, not an API. If they are renamed, commits go unprobed.
  const store = EventStore.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const commitGroup = store.commitGroup;
  const runGroup = store.runGroup;
  const submit = store.submit;
  if (typeof commitGroup !== 'function' || typeof runGroup !== 'function' || typeof submit !== 'function') return;
  // Wall and CPU time of the group being committed: its transaction (runGroup, BEGIN … COMMIT) and its commands' work.
  const group = { transactionMs: 0, workMs: 0, transactionCpuMs: 0, workCpuMs: 0, events: 0 };
  const timed = <T>(run: () => T, add: (ms: number, cpuMs: number) => void): T => {
    const t = performance.now();
    const c = cpuNow();
    try {
      return run();
    } finally {
      add(performance.now() - t, cpuNow() - c);
    }
  };
  store.submit = function (this: unknown, work: unknown) {
    return submit.call(this, (tx: unknown) =>
      timed(
        () => (work as (tx: unknown) => unknown)(tx),
        (ms, cpuMs) => {
          group.workMs += ms;
          group.workCpuMs += cpuMs;
        },
      ),
    );
  };
  store.runGroup = function (this: unknown, ...a: unknown[]) {
    return timed(
      () => {
        const out = runGroup.apply(this, a) as { events: unknown[] };
        group.events = out.events.length;
        return out;
      },
      (ms, cpuMs) => {
        group.transactionMs += ms;
        group.transactionCpuMs += cpuMs;
      },
    );
  };
  store.commitGroup = function (this: unknown, ...a: unknown[]) {
    const at = now();
    Object.assign(group, { transactionMs: 0, workMs: 0, transactionCpuMs: 0, workCpuMs: 0, events: 0 });
    return timed(
      () => commitGroup.apply(this, a),
      (ms, cpuMs) => {
        if (ms <= 20) return;
        probes.push({
          kind: 'commit',
          at,
          jobs: (a[0] as unknown[]).length,
          events: group.events,
          transactionMs: group.transactionMs,
          workMs: group.workMs,
          listenersMs: ms - group.transactionMs,
          transactionCpuMs: group.transactionCpuMs,
          workCpuMs: group.workCpuMs,
          listenersCpuMs: cpuMs - group.transactionCpuMs,
        });
      },
    );
  };
}

async function childMain(): Promise<void> {
  const options = JSON.parse(process.env.MES_STATION_CHILD ?? '{}') as StationChildOptions;
  const send = (m: Reply) => process.send?.(m);
  const probes: Probe[] = [];
  installProbes(probes);
  if (options.hasherConcurrency) {
    const hasher = PasswordHasher.prototype as unknown as { turn: (this: { concurrency: number }, queue: unknown) => Promise<void> };
    const turn = hasher.turn;
    const limit = options.hasherConcurrency;
    hasher.turn = function (this: { concurrency: number }, queue: unknown) {
      this.concurrency = limit;
      return turn.call(this, queue);
    };
  }
  // What the station warns of (slow calls among them), kept for the parent; the first 1,000.
  const warnings: string[] = [];
  const keep = (m: string) => void (warnings.length < 1000 && warnings.push(`${new Date().toISOString()} ${m}`));
  const log: Log = { ...silentLog, warn: keep, error: (m, e) => keep(`error: ${m}${e === undefined ? '' : `: ${e instanceof Error ? e.message : String(e)}`}`) };

  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const stalls: Stall[] = [];
  let last = now();
  let lastCpu = cpuNow();
  const tick = setInterval(() => {
    const t = now();
    const c = cpuNow();
    if (t - last - 10 >= 50) stalls.push({ at: last, ms: Math.round(t - last - 10), cpuMs: Math.round(c - lastCpu) });
    last = t;
    lastCpu = c;
  }, 10);

  let station: Awaited<ReturnType<typeof startStation>>;
  try {
    station = await startStation({
      dataDir: options.dataDir,
      host: '127.0.0.1',
      port: 0,
      staticRoot: options.staticRoot ?? join(projectRoot, 'out', 'renderer'),
      resourcesDir,
      demo: true,
      simulatorEndpoint: options.simulatorEndpoint,
      log,
      version: 'bench',
    });
  } catch (error) {
    send({ failed: String(error) });
    process.exit(1);
  }
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearInterval(tick);
    histogram.disable();
    // process.exit (not a signal): --cpu-prof writes its profile on the way out.
    void station.dispose().finally(() => process.exit(0));
  };
  process.on('message', (m: Request) => {
    switch (m.op) {
      case 'reset-loop':
        histogram.reset();
        return send({ id: m.id, value: null });
      case 'read-loop':
        return send({ id: m.id, value: { p50Ms: ms(histogram.percentile(50)), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max) } satisfies LoopDelay });
      case 'timeline':
        return send({ id: m.id, value: { stalls, probes, warnings } });
      case 'stop':
        return stop();
    }
  });
  // The parent gone: stop, never linger.
  process.on('disconnect', stop);
  send({ ready: station.url ?? '' });
}

if (process.env.MES_STATION_CHILD && process.argv[1] === self) void childMain();
