import { ErrorCode, fail, ok, type Result } from '../../core';
import { LineModel, type LineSnapshot, type LineStats } from './line-model';
import { serveLineModel } from './opcua-server';
import type { SimulatorProfile } from './profile';

export { loadSimulatorProfile, SimulatorProfile, WorkCenterProfile, MeasurementProfile } from './profile';
export { LineModel } from './line-model';
export type { LineChange, LineModelOptions, LineSnapshot, LineStats, WorkCenterTag, WorkCenterValues } from './line-model';

export interface SimulatorOptions {
  readonly profile: SimulatorProfile;
  /** Folder of the server's PKI, e.g. `<dataDir>/pki/simulator`. Created if missing. */
  readonly pkiFolder: string;
  /** TCP port; 0 (the default) picks a free one — read it back from `endpoint`/`port`. */
  readonly port?: number;
  /** Host name in the endpoint URL (default "localhost"). */
  readonly hostname?: string;
  /** Address to listen on, e.g. "127.0.0.1" (default: every interface). */
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
}

export interface RunningSimulator {
  readonly endpoint: string;
  readonly port: number;
  /** The next cycle that ends at this work center rejects its part. */
  forceReject(workCenterId: string): Result<void>;
  stats(): LineStats;
  snapshot(): LineSnapshot;
  dispose(): Promise<void>;
}

/** Starts the simulated line PLC as an OPC UA server (security None, Sign and SignAndEncrypt; anonymous login). */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const clock = options.clock ?? Date.now;
  const model = new LineModel(options.profile, {
    speed: options.speed ?? 1,
    seed: options.seed ?? 1,
    startMs: clock(),
    handshakeMs: options.handshakeMs ?? 200,
  });
  const server = await serveLineModel({
    model,
    pkiFolder: options.pkiFolder,
    port: options.port ?? 0,
    hostname: options.hostname ?? 'localhost',
    ...(options.host === undefined ? {} : { host: options.host }),
    tickMs: options.tickMs ?? 25,
    clock,
  });
  return {
    endpoint: server.endpoint,
    port: server.port,
    forceReject: (id) =>
      model.forceReject(id) ? ok(undefined) : fail(ErrorCode.notFound, `The simulated line has no work center "${id}".`),
    stats: () => model.stats(),
    snapshot: () => model.snapshot(),
    dispose: () => server.dispose(),
  };
}
