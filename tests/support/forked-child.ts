import { fork, type ChildProcess } from 'node:child_process';
import { projectRoot } from './station-fixtures';

/** A helper process the tests and benchmarks talk to over IPC: it says `{ready}` (or `{failed}`), then answers `{id, value}`. */
export interface ForkedChild {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  /** The child's `{ready}` value; rejects if it says `{failed}` or exits first. */
  readonly ready: Promise<unknown>;
  /** Sends the message with an id; resolves with the child's answer to it, rejects if the child exits first. */
  ask<T>(message: object): Promise<T>;
}

type Reply = { id: number; value: unknown } | { ready: unknown } | { failed: string };

/**
 * Forks a TypeScript file of this project (run under tsx) in a session of its own, told what to do through `env`.
 * A session of its own: where Linux shares the CPU between sessions first (autogroup), the child's work is not
 * counted as the parent's, nor the parent's as the child's.
 */
export function forkChild(file: string, o: { env: Record<string, string>; what: string; execArgv?: readonly string[] }): ForkedChild {
  const child = fork(file, [], {
    cwd: projectRoot,
    execArgv: ['--import', 'tsx', ...(o.execArgv ?? [])],
    env: { ...process.env, ...o.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: true,
    windowsHide: true,
  });
  const pending = new Map<number, (value: unknown) => void>();
  let next = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gone = () => new Error(`${o.what} exited`);
  const ready = new Promise<unknown>((resolve, reject) => {
    child.on('message', (m: Reply) => {
      if ('ready' in m) resolve(m.ready);
      else if ('failed' in m) reject(new Error(`${o.what} did not start: ${m.failed}`));
      else pending.get(m.id)?.(m.value);
    });
    void exited.then(() => reject(gone()));
  });
  ready.catch(() => undefined); // the caller awaits it; an early exit is reported there
  return {
    child,
    exited,
    ready,
    ask: <T>(message: object) =>
      new Promise<T>((resolve, reject) => {
        const id = next++;
        pending.set(id, (v) => {
          pending.delete(id);
          resolve(v as T);
        });
        void exited.then(() => reject(gone()));
        child.send({ ...message, id });
      }),
  };
}
