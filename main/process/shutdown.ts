import type { Log } from './log';

/** One thing a process stops on its way out, e.g. the station, then its simulator process. */
export interface StopStep {
  /** Names it in the log, e.g. "the station". */
  readonly what: string;
  /** May report what it is busy with (e.g. "closing the database"): a stop that times out names it. */
  stop(progress: (doing: string) => void): Promise<void> | void;
}

export interface SignalStopOptions {
  readonly log: Log;
  /** Run one after the other, in this order, on the first signal. */
  readonly steps: readonly StopStep[];
  /** Past this, the process exits anyway (status 1) and logs what had not stopped. Default 15 s. */
  readonly timeoutMs?: number;
  readonly signals?: readonly NodeJS.Signals[];
  /** The first signal again within this is the same request delivered twice, not a second one. Default 1 s. */
  readonly repeatWithinMs?: number;
  /** Replaced in tests; process.exit otherwise. */
  readonly exit?: (code: number) => void;
}

export interface SignalStop {
  /** Stops as a signal would (e.g. when the parent process has gone). Later calls and signals are ignored. */
  stop(reason: string): void;
  /** Removes the signal handlers (tests: a process keeps them for its whole life). */
  dispose(): void;
}

/**
 * Stops a process cleanly on SIGTERM and SIGINT: every step in order, then exit 0 (1 if a step failed or the stop
 * took longer than the timeout). The signal handlers stay installed for the whole life of the process: a library
 * that watches signals (node-opcua brings in `signal-exit`) re-raises the signal, killing the process half-way
 * through its stop, as soon as it thinks it is the last listener. The same signal again (a second later or more)
 * while stopping exits at once.
 */
export function stopOnSignals(o: SignalStopOptions): SignalStop {
  let exited = false;
  let timer: NodeJS.Timeout | undefined;
  const exit = (code: number) => {
    if (exited) return;
    exited = true;
    clearTimeout(timer);
    (o.exit ?? ((c: number) => process.exit(c)))(code);
  };
  const timeoutMs = o.timeoutMs ?? 15_000;
  let stopping = false;
  let remaining: StopStep[] = [...o.steps];
  let doing = '';
  const unfinished = () => remaining.map((s, i) => (i === 0 && doing ? `${s.what} (${doing})` : s.what)).join(', then ') || 'nothing';

  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    o.log.info(`${reason}: stopping`);
    timer = setTimeout(() => {
      o.log.error(`did not stop within ${(timeoutMs / 1000).toFixed(0)} s; exiting anyway. Not stopped: ${unfinished()}`);
      exit(1);
    }, timeoutMs);
    void (async () => {
      let failed = false;
      while (remaining.length > 0) {
        const step = remaining[0] as StopStep;
        doing = '';
        try {
          await step.stop((d) => (doing = d));
        } catch (error) {
          failed = true;
          o.log.error(`stopping ${step.what}`, error);
        }
        remaining = remaining.slice(1);
      }
      if (exited) return;
      o.log.info(failed ? 'stopped, with errors (above)' : 'stopped');
      exit(failed ? 1 : 0);
    })();
  };

  let first: { signal: string; at: number } | null = null;
  const handlers = new Map<NodeJS.Signals, () => void>();
  for (const signal of o.signals ?? (['SIGTERM', 'SIGINT'] as const)) {
    handlers.set(signal, () => {
      if (!stopping) {
        first = { signal, at: Date.now() };
        return stop(signal);
      }
      // The same signal again, later on, is someone impatient (Ctrl-C … Ctrl-C). One within a second, or another
      // signal, is the same request arriving twice (Ctrl-C reaches the whole process group, and `npm start` or a
      // parent process passes it on as well): keep stopping.
      if (first && (signal !== first.signal || Date.now() - first.at < (o.repeatWithinMs ?? 1000))) return o.log.info(`${signal}: already stopping`);
      o.log.warn(`${signal} again: exiting now. Not stopped: ${unfinished()}`);
      exit(1);
    });
  }
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return {
    stop,
    dispose: () => {
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
    },
  };
}
