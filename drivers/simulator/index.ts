import { ErrorCode, fail, ok, type Result } from '../../core';
import { LineModel, type LineSnapshot, type LineStats } from './line-model';
import { serveLineModel, type LineServer, type SimulatorUser } from './opcua-server';
import { PlantWalk } from './plant-tags';
import type { SimulatorProfile } from './profile';

export { loadSimulatorProfile, SimulatorProfile, WorkCenterProfile, MeasurementProfile } from './profile';
export { LineModel } from './line-model';
export { PlantWalk, PLANT_FOLDER } from './plant-tags';
export type { SimulatorUser } from './opcua-server';
export type { LineChange, LineModelOptions, LineSnapshot, LineStats, WorkCenterTag, WorkCenterValues } from './line-model';

export interface SimulatorOptions {
  readonly profile: SimulatorProfile;
  /** Folder of the server's PKI, e.g. `<dataDir>/pki/simulator`. Created if missing. */
  readonly pkiFolder: string;
  /** TCP port; 0 (the default) picks a free one — read it back from `endpoint`/`port`. */
  readonly port?: number;
  /** Host name in the endpoint URL (default "localhost"). */
  readonly hostname?: string;
  /** Address to listen on (default "127.0.0.1": this machine only; "::" or "0.0.0.0" for every interface). */
  readonly host?: string;
  /** 1 = real time (default); 20 runs twenty times faster. */
  readonly speed?: number;
  readonly seed?: number;
  /** PLC scan period in ms (default 25). */
  readonly tickMs?: number;
  /** Least time a written NextSerial stays readable before the PLC takes it (default 200 ms). */
  readonly handshakeMs?: number;
  /** Wall clock, for tests (default Date.now). */
  readonly clock?: () => number;
  /** User name logins the server accepts. */
  readonly users?: readonly SimulatorUser[];
  /** Anonymous sessions (default: allowed only when no users are given). */
  readonly allowAnonymous?: boolean;
  /** A plant of any size: this many Double tags "<lineId>/Plant/T00000…", each changing by a random walk. */
  readonly extraTags?: number;
  /** How often every extra tag changes (default 100 ms). */
  readonly extraTagPeriodMs?: number;
}

export interface RunningSimulator {
  readonly endpoint: string;
  readonly port: number;
  /** The next cycle that ends at this work center rejects its part. */
  forceReject(workCenterId: string): Result<void>;
  /** Fault injection: the work center's machine faults (Aborted) until an operator clears and resets it. */
  fault(workCenterId: string): Result<void>;
  /** Fault injection: the work center's measurement drifts by this many standard deviations (0: back to nominal). */
  drift(workCenterId: string, sigmas: number): Result<void>;
  stats(): LineStats;
  snapshot(): LineSnapshot;
  /** Fault injection: cuts every client connection abruptly (sessions remain, as after a network blip). */
  dropConnections(): Promise<void>;
  /**
   * Fault injection: stops the OPC UA server, keeps it down for `downtimeMs` (default 0) and starts it again on
   * the same port with the same certificate; the line keeps its state. Resolves with when it was down (wall ms).
   */
  restart(options?: { readonly downtimeMs?: number }): Promise<{ readonly stoppedAt: number; readonly startedAt: number }>;
  dispose(): Promise<void>;
}

/** Starts the simulated line PLC as an OPC UA server (security None, Sign and SignAndEncrypt; anonymous or user name login). */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const clock = options.clock ?? Date.now;
  const seed = options.seed ?? 1;
  const model = new LineModel(options.profile, {
    speed: options.speed ?? 1,
    seed,
    startMs: clock(),
    handshakeMs: options.handshakeMs ?? 200,
  });
  const extraTags = Math.max(0, Math.floor(options.extraTags ?? 0));
  const plant = extraTags > 0 ? { walk: new PlantWalk(extraTags, seed), periodMs: options.extraTagPeriodMs ?? 100 } : undefined;
  const users = options.users ?? [];
  const serve = (port: number) =>
    serveLineModel({
      model,
      pkiFolder: options.pkiFolder,
      port,
      hostname: options.hostname ?? 'localhost',
      host: options.host ?? '127.0.0.1',
      tickMs: options.tickMs ?? 25,
      clock,
      users,
      allowAnonymous: options.allowAnonymous ?? users.length === 0,
      ...(plant ? { plant } : {}),
    });
  let server: LineServer | undefined = await serve(options.port ?? 0);
  const { endpoint, port } = server;
  let restarting: Promise<unknown> | undefined;
  let disposed = false;
  return {
    endpoint,
    port,
    forceReject: (id) =>
      model.forceReject(id) ? ok(undefined) : fail(ErrorCode.notFound, `The simulated line has no work center "${id}".`),
    fault: (id) => (model.fault(id, clock()) ? ok(undefined) : fail(ErrorCode.conflict, `The simulated line cannot fault "${id}" (no such work center, or it is stopped already).`)),
    drift: (id, sigmas) => (model.drift(id, sigmas) ? ok(undefined) : fail(ErrorCode.notFound, `The simulated line has no work center "${id}".`)),
    stats: () => model.stats(),
    snapshot: () => model.snapshot(),
    dropConnections: async () => server?.dropConnections(),
    restart: async ({ downtimeMs = 0 } = {}) => {
      if (restarting || disposed || !server) throw new Error('The simulator is stopped or already restarting.');
      const work = (async () => {
        await server?.dispose();
        server = undefined;
        const stoppedAt = Date.now();
        if (downtimeMs > 0) await new Promise((resolve) => setTimeout(resolve, downtimeMs));
        if (disposed) return { stoppedAt, startedAt: Date.now() };
        server = await serve(port);
        return { stoppedAt, startedAt: Date.now() };
      })();
      restarting = work;
      try {
        return await work;
      } finally {
        restarting = undefined;
      }
    },
    dispose: async () => {
      disposed = true;
      await restarting?.catch(() => undefined);
      await server?.dispose();
    },
  };
}
export { startSparkplugEdge, type SparkplugEdge, type SparkplugEdgeOptions, type SparkplugEdgeStats } from './sparkplug-edge';
export { CORRUPT_KINDS, CORRUPT_NUMBER, CORRUPT_TEXT, type CorruptKind } from './sparkplug-edge-faults';
export { extraMetricName } from './sparkplug-edge-metrics';
