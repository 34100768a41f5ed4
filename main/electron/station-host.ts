import { join } from 'node:path';
import { utilityProcess, type UtilityProcess } from 'electron';
import { ErrorCode, fail, type Result, type StreamMessage } from '../../core';

export interface StationHost {
  readonly url: string | null;
  call(operation: string, input: unknown, token: string | null): Promise<Result<unknown>>;
  onStream(listener: (message: StreamMessage) => void): void;
  dispose(): Promise<void>;
}

export interface StationHostOptions {
  readonly dataDir: string;
  readonly simulate: boolean;
  readonly port: number;
  readonly plc?: string;
}

/** Starts the station in an Electron utility process and relays calls to it. */
export function startStationHost(o: StationHostOptions): Promise<StationHost> {
  const child: UtilityProcess = utilityProcess.fork(
    join(import.meta.dirname, 'station.js'),
    [`--mes-data-dir=${o.dataDir}`, `--mes-simulate=${o.simulate}`, `--mes-port=${o.port}`, ...(o.plc ? [`--mes-plc=${o.plc}`] : [])],
    { serviceName: 'MES station', stdio: 'inherit' },
  );
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const listeners = new Set<(m: StreamMessage) => void>();
  let nextId = 1;
  let alive = true;

  return new Promise((resolve, reject) => {
    child.on('message', (m: { id?: number; result?: Result<unknown>; stream?: StreamMessage; ready?: boolean; url?: string | null; failed?: string }) => {
      if (m.failed) return reject(new Error(m.failed));
      if (m.stream) for (const l of listeners) l(m.stream);
      if (typeof m.id === 'number' && m.result) {
        pending.get(m.id)?.(m.result);
        pending.delete(m.id);
      }
      if (m.ready) {
        resolve({
          url: m.url ?? null,
          call: (operation, input, token) =>
            new Promise((done) => {
              if (!alive) return done(fail(ErrorCode.internal, 'The station process has stopped. Restart the application.'));
              const id = nextId++;
              pending.set(id, done);
              child.postMessage({ id, operation, input, token });
            }),
          onStream: (l) => void listeners.add(l),
          dispose: () =>
            new Promise<void>((done) => {
              if (!alive) return done();
              child.once('exit', () => done());
              child.kill();
            }),
        });
      }
    });
    child.once('exit', (code) => {
      alive = false;
      for (const done of pending.values()) done(fail(ErrorCode.internal, `The station process stopped (exit ${code}).`));
      pending.clear();
      reject(new Error(`The station process stopped during start-up (exit ${code}).`));
    });
  });
}
