// GET /api/v1/health every 20 ms from a process that does nothing else, in a session of its own: as a plant's
// monitoring would ask from another machine. Timed in the benchmark's own process, a health answer would also carry
// that process's delays (its PLC watcher, the browser's protocol, the results it sorts), which are not the station's.
import { fileURLToPath } from 'node:url';
import { forkChild } from '../tests/support/forked-child';

export interface HealthSample {
  /** Epoch ms at sending. */
  readonly at: number;
  readonly ms: number;
  readonly ok: boolean;
}

export interface HealthSampler {
  /** Stops sampling; resolves with every sample, once the last answer is in. */
  stop(): Promise<HealthSample[]>;
  /** Ends the sampler's process whatever it is doing (after a failure elsewhere). */
  dispose(): Promise<void>;
}

const self = fileURLToPath(import.meta.url);
const epoch = () => performance.timeOrigin + performance.now();

/** Starts sampling at once; resolves when the first sample is sent. */
export async function startHealthSampler(url: string, everyMs = 20): Promise<HealthSampler> {
  const { child, exited, ready, ask } = forkChild(self, { env: { MES_HEALTH_SAMPLER: JSON.stringify({ url, everyMs }) }, what: 'the health sampler' });
  await ready;
  return {
    stop: async () => {
      const samples = await ask<HealthSample[]>({ op: 'stop' });
      child.disconnect();
      await exited;
      return samples;
    },
    dispose: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Not waiting for the last answer before sending the next, so that a stall is not sampled once. */
function samplerMain(): void {
  const { url, everyMs } = JSON.parse(process.env.MES_HEALTH_SAMPLER ?? '{}') as { url: string; everyMs: number };
  const samples: HealthSample[] = [];
  const inFlight = new Set<Promise<void>>();
  const sample = () => {
    const at = epoch();
    const p = fetch(`${url}/api/v1/health`)
      .then(async (r) => {
        await r.arrayBuffer();
        samples.push({ at, ms: epoch() - at, ok: r.status === 200 });
      })
      .catch(() => void samples.push({ at, ms: epoch() - at, ok: false }))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  const timer = setInterval(sample, everyMs);
  sample();
  process.send?.({ ready: true });
  process.on('message', (m: { id: number }) => {
    clearInterval(timer);
    void Promise.all(inFlight).then(() => process.send?.({ id: m.id, value: samples }));
  });
  process.on('disconnect', () => {
    clearInterval(timer);
    process.exit(0);
  });
}

if (process.env.MES_HEALTH_SAMPLER && process.argv[1] === self) samplerMain();
