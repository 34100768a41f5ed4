import { join } from 'node:path';
import { safeStorage, utilityProcess, type UtilityProcess } from 'electron';
import { ErrorCode, fail, type ClientMessage, type Result, type StreamMessage } from '../../core';
import { consoleLog } from '../station/log';
import { desktopSecretKey } from './secret-key';
import { forkSimulator, type SimulatorHost } from './simulator-host';

export interface StationHost {
  readonly url: string | null;
  call(operation: string, input: unknown, token: string | null): Promise<Result<unknown>>;
  /** Live messages, each for one window: `to` is its webContents id. */
  onStream(listener: (message: StreamMessage, to: number) => void): void;
  /** A window's message on the live channel (validated by the caller; the station checks the token). */
  send(client: number, message: ClientMessage, token: string | null): void;
  /** The window went (closed, reloaded): the station ends what it watched. */
  closeClient(client: number): void;
  dispose(): Promise<void>;
}

export interface StationHostOptions {
  readonly dataDir: string;
  readonly simulate: boolean;
  readonly port: number;
  readonly plc?: string;
}

/**
 * Starts the station in an Electron utility process and relays calls to it. With --simulate its line simulator runs
 * in a utility process of its own, started first; it is stopped after the station (which talks to it) has stopped.
 */
export async function startStationHost(o: StationHostOptions): Promise<StationHost> {
  const simulator = o.simulate ? await forkSimulator(o.dataDir) : null;
  try {
    return await startStation(o, simulator);
  } catch (error) {
    await simulator?.dispose();
    throw error;
  }
}

function startStation(o: StationHostOptions, simulator: SimulatorHost | null): Promise<StationHost> {
  // The key of PLC passwords at rest, kept sealed by the OS keychain; the station's process gets it in its
  // environment (read and removed at its start), never in a file in the clear.
  const secret = desktopSecretKey(join(o.dataDir, 'secret.key'), safeStorage);
  if (secret.note) consoleLog('desktop').warn(secret.note);
  const child: UtilityProcess = utilityProcess.fork(
    join(import.meta.dirname, 'station.js'),
    [
      `--mes-data-dir=${o.dataDir}`,
      `--mes-simulate=${o.simulate}`,
      `--mes-port=${o.port}`,
      ...(o.plc ? [`--mes-plc=${o.plc}`] : []),
      ...(simulator ? [`--mes-simulator=${simulator.endpoint}`] : []),
    ],
    { serviceName: 'MES station', stdio: 'inherit', env: { ...process.env, ...(secret.key ? { MES_SECRET_KEY: secret.key.toString('base64') } : {}) } },
  );
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const listeners = new Set<(m: StreamMessage, to: number) => void>();
  let nextId = 1;
  let alive = true;

  return new Promise((resolve, reject) => {
    child.on('message', (m: { id?: number; result?: Result<unknown>; stream?: StreamMessage; to?: number; ready?: boolean; url?: string | null; failed?: string }) => {
      if (m.failed) return reject(new Error(m.failed));
      if (m.stream && typeof m.to === 'number') for (const l of listeners) l(m.stream, m.to);
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
          send: (client, message, token) => {
            if (alive) child.postMessage({ client, message, token });
          },
          closeClient: (client) => {
            if (alive) child.postMessage({ client, closed: true });
          },
          dispose: async () => {
            if (alive) {
              const stopped = new Promise<void>((done) => child.once('exit', () => done()));
              child.kill();
              await stopped;
            }
            await simulator?.dispose();
          },
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
