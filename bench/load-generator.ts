// The load of the latency-under-load benchmark, in a process of its own: B2MML imports of 10,000 orders one after the
// other and storms of 100 wrong sign-ins. Apart from the process that times /health and watches the mimic, so that
// the clients' own work (making 5 MiB documents, 100 requests at once, reading large answers) is never counted as
// the station's delay.
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { forkChild } from '../tests/support/forked-child';
import { scheduleOf } from '../tests/support/b2mml-schedule';

export interface SignIns {
  readonly sent: number;
  /** 401: checked and refused, as a wrong password is. */
  readonly refused: number;
  /** 429: turned away at once (the station checking too many already, or the address made to wait). */
  readonly busy: number;
  readonly other: number;
  /** Every answer's HTTP status, counted (0: no answer). */
  readonly byStatus: Readonly<Record<string, number>>;
}

export interface ImportDone {
  /** Epoch ms at sending, and the round trip. */
  readonly at: number;
  readonly ms: number;
  readonly status: number;
  readonly received: number;
  readonly message?: string;
}

/** A real user's sign-in (the right password) during the load, timed: storms must not lock people out by slowness. */
export interface UserSignIn {
  readonly at: number;
  readonly ms: number;
  readonly status: number;
}

export interface LoadGenerator {
  /** MiB of one import document. */
  readonly documentMiB: number;
  /** One storm of wrong sign-ins, alone; resolves when all are answered. */
  storm(round: number): Promise<SignIns>;
  /** Imports one after the other and storms one after the other, from now until `stop`. */
  start(): Promise<void>;
  stop(): Promise<{ imports: ImportDone[]; signIns: SignIns; userSignIns: UserSignIn[]; errors: string[] }>;
  dispose(): Promise<void>;
}

type Request = { id: number; op: 'storm'; round: number } | { id: number; op: 'start' } | { id: number; op: 'stop' };
type Reply = { id: number; value: unknown } | { ready: number };

const epoch = () => performance.timeOrigin + performance.now();
const self = fileURLToPath(import.meta.url);

export const NO_SIGN_INS: SignIns = { sent: 0, refused: 0, busy: 0, other: 0, byStatus: {} };

/** Starts the load's process (it makes its documents first); resolves when it is ready. */
export async function startLoadGenerator(url: string, token: string, orders = 10_000): Promise<LoadGenerator> {
  // Another machine's work (ERP, terminals): a session of its own.
  const { child, exited, ready, ask: asked } = forkChild(self, { env: { MES_LOAD_GENERATOR: JSON.stringify({ url, token, orders }) }, what: 'the load generator' });
  const bytes = (await ready) as number;
  const ask = <T>(m: { op: 'storm'; round: number } | { op: 'start' | 'stop' }) => asked<T>(m);
  return {
    documentMiB: bytes / 2 ** 20,
    storm: (round) => ask<SignIns>({ op: 'storm', round }),
    start: () => ask<void>({ op: 'start' }),
    stop: () => ask<{ imports: ImportDone[]; signIns: SignIns; userSignIns: UserSignIn[]; errors: string[] }>({ op: 'stop' }),
    dispose: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

// ── The load's process ───────────────────────────────────────────────────────────────────────────────────────────

/**
 * 10,000-order B2MML documents, each with order numbers of its own (a document sent twice would be "unchanged", a
 * lighter load). Made once as bytes; each next one is a copy with its round number written over the prefix.
 */
function documents(orders: number): { next: () => Buffer; bytes: number } {
  const template = Buffer.from(scheduleOf(orders, 'L0000'), 'utf8');
  const marker = Buffer.from('<ID>L0000-');
  const offsets: number[] = [];
  for (let i = template.indexOf(marker); i >= 0; i = template.indexOf(marker, i + marker.length)) offsets.push(i + 5);
  if (offsets.length !== orders) throw new Error(`expected ${orders} order IDs, found ${offsets.length}`);
  let n = 0;
  return {
    bytes: template.length,
    next: () => {
      n += 1;
      const doc = Buffer.from(template);
      const stamp = String(n).padStart(4, '0');
      for (const o of offsets) doc.write(stamp, o, 'latin1');
      return doc;
    },
  };
}

/** POST of a JSON body from a given local address (any 127.x.y.z reaches a loopback station); resolves with the status, 0 if none. */
function postFrom(url: string, path: string, body: unknown, localAddress: string): Promise<number> {
  return new Promise((resolve) => {
    const data = JSON.stringify(body);
    const req = request(`${url}${path}`, { method: 'POST', localAddress, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', () => resolve(0));
    req.end(data);
  });
}

/**
 * `count` sign-ins at once with user names that do not exist; resolves when all are answered. Each from an address of
 * its own (127.0.<round>.<n>), as from a plant's many terminals: the station's per-address backoff turns away repeated
 * failures from one address, and this is the storm that gets past it to the password hasher.
 */
async function signInStorm(url: string, round: number, count = 100): Promise<SignIns> {
  const statuses = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      postFrom(url, '/api/v1/session', { username: `intruder-${round}-${i}`, password: 'not-the-password' }, `127.0.${(round % 250) + 1}.${(i % 250) + 1}`),
    ),
  );
  const byStatus: Record<string, number> = {};
  for (const s of statuses) byStatus[s] = (byStatus[s] ?? 0) + 1;
  return {
    sent: count,
    refused: statuses.filter((s) => s === 401).length,
    busy: statuses.filter((s) => s === 429).length,
    other: statuses.filter((s) => s !== 401 && s !== 429).length,
    byStatus,
  };
}

export const addSignIns = (a: SignIns, b: SignIns): SignIns => {
  const byStatus: Record<string, number> = { ...a.byStatus };
  for (const [k, v] of Object.entries(b.byStatus)) byStatus[k] = (byStatus[k] ?? 0) + v;
  return { sent: a.sent + b.sent, refused: a.refused + b.refused, busy: a.busy + b.busy, other: a.other + b.other, byStatus };
};

function generatorMain(): void {
  const { url, token, orders } = JSON.parse(process.env.MES_LOAD_GENERATOR ?? '{}') as { url: string; token: string; orders: number };
  const send = (m: Reply) => process.send?.(m);
  const docs = documents(orders);
  type Running = { stop: boolean; done: Promise<unknown>; imports: ImportDone[]; signIns: SignIns; userSignIns: UserSignIn[]; errors: string[] };
  let running: Running | null = null;

  const load = () => {
    const state: Running = { stop: false, imports: [], signIns: NO_SIGN_INS, userSignIns: [], errors: [], done: Promise.resolve() };
    // A loop that fails (the station gone, say) is reported, not left to end the process.
    const guarded = (what: string, work: () => Promise<void>) => work().catch((error: unknown) => void state.errors.push(`${what}: ${(error as Error).message}`));
    const importing = guarded('imports', async () => {
      while (!state.stop) {
        const body = docs.next();
        const at = epoch();
        const res = await fetch(`${url}/api/v1/b2mml`, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` }, body });
        const answer = (await res.json()) as { received?: string[]; message?: string };
        state.imports.push({ at, ms: epoch() - at, status: res.status, received: answer.received?.length ?? 0, ...(res.status === 200 ? {} : { message: answer.message ?? '' }) });
      }
    });
    const storming = guarded('storms', async () => {
      for (let round = 1; !state.stop; round += 1) state.signIns = addSignIns(state.signIns, await signInStorm(url, round));
    });
    const userSigningIn = guarded('user sign-ins', async () => {
      while (!state.stop) {
        const at = epoch();
        const status = await postFrom(url, '/api/v1/session', { username: 'supervisor', password: 'supervisor' }, '127.0.0.1');
        state.userSignIns.push({ at, ms: epoch() - at, status });
        for (const end = epoch() + 5000; !state.stop && epoch() < end; ) await new Promise((r) => setTimeout(r, 100));
      }
    });
    state.done = Promise.all([importing, storming, userSigningIn]);
    return state;
  };

  process.on('message', (m: Request) => {
    switch (m.op) {
      case 'storm':
        return void signInStorm(url, m.round).then((value) => send({ id: m.id, value }));
      case 'start':
        running = load();
        return send({ id: m.id, value: null });
      case 'stop': {
        const r = running;
        if (!r) return send({ id: m.id, value: { imports: [], signIns: NO_SIGN_INS, userSignIns: [], errors: [] } });
        r.stop = true;
        return void r.done.then(() => send({ id: m.id, value: { imports: r.imports, signIns: r.signIns, userSignIns: r.userSignIns, errors: r.errors } }));
      }
    }
  });
  // The parent gone: go too.
  process.on('disconnect', () => process.exit(0));
  send({ ready: docs.bytes });
}

if (process.env.MES_LOAD_GENERATOR && process.argv[1] === self) generatorMain();
