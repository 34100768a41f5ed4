import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { WebSocket, WebSocketServer } from 'ws';
import {
  EquipmentModel,
  STREAM_PATH,
  StreamMessage,
  orderDecider,
  queueDecider,
  streams,
  type CreateOrderRequest,
  type DispatchListView,
  type DomainEvent,
  type Result,
} from '../core';
import { silentLog, startStation, type RunningStation, type StationOptions } from '../main/station';
import { systemClock } from '../main/station/clock';
import { Commands } from '../main/station/commands';
import { fixedLine } from '../main/station/line-setup';
import { exec } from '../main/station/exec';
import { EventStore, createProjector, dispatchListSnapshot, openDatabase } from '../main/store';
import { projectRoot, resourcesDir, tempDir } from '../tests/support/station-fixtures';
import { api } from '../tests/support/station-harness';
import { quantile } from './quantile';

type Kind = 'drag' | 'keyboard' | 'long';
const KINDS: readonly Kind[] = ['drag', 'keyboard', 'long'];
type Counts = Readonly<Record<Kind, number>>;

interface Quantiles {
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
}

export interface ResequenceSet {
  readonly moves: number;
  /** Move posted → response received (the station answers after the commit is on disk). */
  readonly durable: Quantiles;
  /** Move posted → the last of the other boards has applied the OrderMoved from the stream to its list. */
  readonly allClients: Quantiles;
  /** The raw limit: the same rank update (two neighbours read, one row written) on a bare better-sqlite3 table of as many rows, one durable commit each. */
  readonly bareCommit: Omit<Quantiles, 'p99Ms'>;
  /** durable p95 over the bare commit p95. */
  readonly durableRatio: number;
  /** all-boards p95 over (bare commit p95 + bare WebSocket echo p95). */
  readonly allClientsRatio: number;
}

export interface ResequenceResult {
  readonly name: string;
  readonly orders: number;
  readonly boards: number;
  readonly seedSeconds: number;
  readonly sets: Readonly<Record<Kind, ResequenceSet>>;
  /** Drags by where they happen in the list: what the depth of the dragged rows costs. */
  readonly dragsByDepth: readonly { readonly rows: string; readonly moves: number; readonly durableP95Ms: number; readonly allClientsP95Ms: number }[];
  readonly wsEcho: Omit<Quantiles, 'p99Ms'>;
  readonly target: { readonly dragAllClientsP95Ms: number };
  readonly pass: boolean;
}

interface Move {
  readonly kind: Kind;
  /** 0-based positions, as the board shows them when the move is made. */
  readonly from: number;
  readonly to: number;
  readonly direction?: 'up' | 'down';
}

interface Sample {
  readonly move: Move;
  readonly durable: number;
  readonly allClients: number;
}

/** From the client process to the bench. */
type ClientReport = { kind: 'log'; line: string } | { kind: 'done'; samples: Sample[] } | { kind: 'failed'; message: string };

const ROLE = 'RESEQUENCE_BENCH_ROLE';
const TARGET_P95_MS = 50;
const OTHER_BOARDS = 3;
const WARM_UP = 20;
const orderNumber = (i: number) => `RS-${String(i + 1).padStart(6, '0')}`;
const ms = (x: number) => Number(x.toFixed(2));
const quantiles = (xs: readonly number[]): Quantiles => ({ p50Ms: ms(quantile(xs, 0.5)), p95Ms: ms(quantile(xs, 0.95)), p99Ms: ms(quantile(xs, 0.99)) });
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/** xorshift32: the same plan of moves on every run. */
function randomFrom(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    return x / 2 ** 32;
  };
}

/**
 * What a shift lead does on a board of n orders: drags within the visible rows (up to 40 rows either way) wherever
 * the board is scrolled to, Alt+↑/↓ by one row, and now and then an order pulled from the middle of the list to near
 * the top (or pushed back down).
 */
function planMoves(n: number, counts: Counts, seed: number): Move[] {
  const random = randomFrom(seed);
  const int = (below: number) => Math.floor(random() * below);
  const moves: Move[] = [];
  for (let i = 0; i < counts.drag; i += 1) {
    const from = int(n);
    const distance = 1 + int(40);
    const up = random() < 0.5 ? from - distance >= 0 : from + distance > n - 1;
    moves.push({ kind: 'drag', from, to: up ? from - distance : from + distance });
  }
  for (let i = 0; i < counts.keyboard; i += 1) {
    const from = int(n);
    const up = from === n - 1 || (from > 0 && random() < 0.5);
    moves.push({ kind: 'keyboard', from, to: up ? from - 1 : from + 1, direction: up ? 'up' : 'down' });
  }
  for (let i = 0; i < counts.long; i += 1) {
    const near = 100 + int(50) - 25;
    const far = Math.floor(n / 2) + int(1_000) - 500;
    moves.push(i % 2 === 0 ? { kind: 'long', from: far, to: near } : { kind: 'long', from: near, to: far });
  }
  // Interleaved, as a shift's work would come.
  for (let i = moves.length - 1; i > 0; i -= 1) {
    const j = int(i + 1);
    [moves[i], moves[j]] = [moves[j] as Move, moves[i] as Move];
  }
  return moves;
}

/** One order board as the HMI holds it: the whole dispatch list, read once, then kept current from the live stream. */
class Board {
  orders: string[] = [];
  version = 0;
  /** When each queue event since the list was read got applied here. */
  readonly appliedAt: number[] = [];
  readonly problems: string[] = [];
  gaps = 0;
  private seq = 0;
  private ready = false;
  private readonly waiting = new Map<number, (at: number) => void>();

  private constructor(
    readonly client: ReturnType<typeof api>,
    private readonly socket: WebSocket,
    private readonly queueStream: string,
  ) {}

  static async open(base: string, username: string, line: string): Promise<Board> {
    const client = api(base);
    await client.login(username);
    const socket = new WebSocket(`${base.replace('http', 'ws')}${STREAM_PATH}`, ['mes.v1', `bearer.${client.token ?? ''}`]);
    const board = new Board(client, socket, streams.queue(line));
    await new Promise<void>((resolve, reject) => {
      socket.on('message', (raw) => {
        if (board.receive(String(raw))) resolve();
      });
      socket.once('error', reject);
    });
    const read = await client.request('GET', '/line/dispatch-list');
    if (read.status !== 200) throw new Error(`dispatch list: ${read.status} ${read.body.message ?? ''}`);
    const list = read.body as unknown as DispatchListView;
    // The list carries a version but no event sequence: it lines up with the stream only while nothing moves.
    if (board.problems.length > 0) throw new Error(`the dispatch list changed while the boards were opening: ${board.problems.join('; ')}`);
    board.orders = list.orders;
    board.version = list.version;
    board.ready = true;
    return board;
  }

  /** When the count-th queue event got applied here. */
  applied(count: number): Promise<number> {
    const at = this.appliedAt[count - 1];
    if (at !== undefined) return Promise.resolve(at);
    return new Promise((resolve) => this.waiting.set(count, resolve));
  }

  close(): void {
    this.socket.close();
  }

  /** True for the greeting. */
  private receive(text: string): boolean {
    const parsed = StreamMessage.safeParse(JSON.parse(text));
    if (!parsed.success) {
      this.problems.push(`unreadable stream message: ${text.slice(0, 120)}`);
      return false;
    }
    const m = parsed.data;
    if (m.kind === 'hello') {
      this.seq = m.seq;
      return true;
    }
    if (m.kind !== 'changed') return false;
    // A message carries at most the last 50 events of a commit: a board that misses some must read the list again.
    const first = m.events[0];
    if (first && first.seq > this.seq + 1) this.gaps += 1;
    for (const e of m.events) {
      if (e.seq <= this.seq || e.stream !== this.queueStream) continue;
      if (this.ready) this.apply(e.type, 'data' in e ? e.data : undefined);
      else this.problems.push(`${e.type} arrived before the list was read`);
    }
    this.seq = Math.max(this.seq, m.seq);
    return false;
  }

  private apply(type: string, data: unknown): void {
    const d = data as { number?: string; from?: number; to?: number; position?: number } | undefined;
    if (type === 'OrderMoved' && d?.number !== undefined && d.from !== undefined && d.to !== undefined) {
      const { number: moved, from, to } = d;
      if (this.orders[from] !== moved) this.problems.push(`OrderMoved ${moved} from ${from + 1}, but this board has ${this.orders[from] ?? 'nothing'} there`);
      // Only the rows between the two places shift.
      if (to < from) this.orders.copyWithin(to + 1, to, from);
      else this.orders.copyWithin(from, from + 1, to + 1);
      this.orders[to] = moved;
    } else if (type === 'OrderQueued' && d?.number !== undefined) {
      this.orders.splice(d.position ?? this.orders.length, 0, d.number);
    } else if (type === 'OrderDequeued' && d?.number !== undefined) {
      const at = this.orders.indexOf(d.number);
      if (at >= 0) this.orders.splice(at, 1);
    } else {
      this.problems.push(`${type} came without the data to apply it: ${JSON.stringify(data)}`);
    }
    this.version += 1;
    const now = performance.now();
    this.appliedAt.push(now);
    const resolve = this.waiting.get(this.appliedAt.length);
    if (resolve) {
      this.waiting.delete(this.appliedAt.length);
      resolve(now);
    }
  }
}

const within = <T>(what: string, p: Promise<T>, timeoutMs: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_r, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
};

/**
 * The client side, in a process of its own (as the HMIs are on other machines): the shift lead's board moves one
 * order at a time with the list version it shows; three other boards follow the stream. Timed here, on one clock.
 */
async function runClients(base: string, line: string, n: number, counts: Counts, log: (line: string) => void): Promise<Sample[]> {
  const boards: Board[] = [];
  try {
    // The shift lead's board follows the stream too: that is how it knows the list version for its next move.
    const mover = await Board.open(base, 'lead', line);
    boards.push(mover);
    const others: Board[] = [];
    for (let i = 0; i < OTHER_BOARDS; i += 1) others.push(await Board.open(base, i === 0 ? 'supervisor' : 'operator', line));
    boards.push(...others);
    if (mover.orders.length !== n) throw new Error(`the dispatch list holds ${mover.orders.length} orders, not ${n}`);
    log(`  the shift lead's board and ${OTHER_BOARDS} others (a process of their own) each read the ${n.toLocaleString('en')}-order list once`);

    const plan = [...planMoves(n, { drag: WARM_UP, keyboard: 0, long: 0 }, 7), ...planMoves(n, counts, 20_261_121)];
    const samples: Sample[] = [];
    const started = performance.now();
    for (const [i, move] of plan.entries()) {
      const order = mover.orders[move.from];
      if (order === undefined) throw new Error(`no order at position ${move.from + 1}`);
      const expected = boards.map((b) => b.appliedAt.length + 1);
      const body = move.direction ? { direction: move.direction, listVersion: mover.version } : { toPosition: move.to + 1, listVersion: mover.version };
      const t0 = performance.now();
      const everyBoard = Promise.all(others.map((b, k) => b.applied(expected[k + 1] ?? 0)));
      const res = await mover.client.request('POST', `/orders/${encodeURIComponent(order)}/move`, body);
      const durable = performance.now() - t0;
      if (res.status !== 200 || res.body.sequence !== move.to + 1) {
        throw new Error(`move ${i + 1} (${move.kind}) of ${order} from ${move.from + 1} to ${move.to + 1}: ${res.status} ${res.body.message ?? JSON.stringify(res.body).slice(0, 200)}`);
      }
      const applied = await within(`the other boards to apply move ${i + 1}`, everyBoard, 60_000);
      await within(`the shift lead's board to apply move ${i + 1}`, mover.applied(expected[0] ?? 0), 60_000);
      if (i >= WARM_UP) samples.push({ move, durable, allClients: Math.max(...applied) - t0 });
      const done = i + 1 - WARM_UP;
      if (done > 0 && done % 100 === 0) log(`    … ${done} of ${plan.length - WARM_UP} moves (${seconds(started)} s)`);
    }
    log(`  ${plan.length - WARM_UP} moves (after ${WARM_UP} to warm up) in ${seconds(started)} s`);

    // Every board must hold exactly the station's list: fail loudly otherwise.
    const final = (await mover.client.request('GET', '/line/dispatch-list')).body as unknown as DispatchListView;
    for (const [k, b] of boards.entries()) {
      const who = k === 0 ? "the shift lead's board" : `board ${k}`;
      if (b.problems.length > 0) throw new Error(`${who}: ${b.problems.slice(0, 3).join('; ')}`);
      const differs = final.orders.findIndex((x, p) => b.orders[p] !== x);
      if (b.orders.length !== final.orders.length || differs >= 0 || b.version !== final.version) {
        throw new Error(`${who} does not match the station: version ${b.version} vs ${final.version}, ${b.orders.length} vs ${final.orders.length} orders, first difference at position ${differs + 1}`);
      }
    }
    log(`  every board's list equals GET /line/dispatch-list (version ${final.version}); stream gaps seen: ${boards.reduce((s, b) => s + b.gaps, 0)}`);
    return samples;
  } finally {
    for (const b of boards) b.close();
  }
}

async function clientProcess(): Promise<void> {
  const report = (r: ClientReport) => new Promise<void>((resolve) => process.send?.(r, () => resolve()));
  try {
    const env = process.env;
    const counts = JSON.parse(env.RESEQUENCE_BENCH_COUNTS ?? '{}') as Counts;
    const samples = await runClients(env.RESEQUENCE_BENCH_URL ?? '', env.RESEQUENCE_BENCH_LINE ?? '', Number(env.RESEQUENCE_BENCH_ORDERS), counts, (line) => void report({ kind: 'log', line }));
    await report({ kind: 'done', samples });
  } catch (error) {
    await report({ kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
  process.disconnect();
}

function spawnClients(base: string, line: string, n: number, counts: Counts, log: (line: string) => void): Promise<Sample[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [ROLE]: 'clients', RESEQUENCE_BENCH_URL: base, RESEQUENCE_BENCH_LINE: line, RESEQUENCE_BENCH_ORDERS: String(n), RESEQUENCE_BENCH_COUNTS: JSON.stringify(counts) },
  });
  return new Promise<Sample[]>((resolve, reject) => {
    child.on('message', (m: ClientReport) => {
      if (m.kind === 'log') log(m.line);
      else if (m.kind === 'done') resolve(m.samples);
      else reject(new Error(`the clients failed: ${m.message}`));
    });
    child.once('exit', (code) => reject(new Error(`the client process exited (${code}) before reporting`)));
  });
}

/**
 * A station holding n orders dispatched to the line. The first start defines the demo master data and users; the
 * orders then go through the station's command side on its own database while it is stopped (it is started again
 * for the measurement): received in ERP messages of 10,000 and released through Commands, many commands a turn so
 * that they commit in groups. Dispatch appends what the dispatch command records (OrderDispatched, decided by the
 * order decider; OrderQueued at the end of the list) in bulk, because through the command each Enqueue folds and
 * scans the whole list: 100,000 of them take about nine minutes.
 */
async function seed(options: StationOptions, line: string, n: number, log: (line: string) => void): Promise<void> {
  const first = await startStation({ ...options, http: false });
  const stationId = first.stationId;
  await first.dispose();
  const db = openDatabase(join(options.dataDir, 'station.sqlite'));
  try {
    // As the station composes its store (main/station/station.ts).
    const store = new EventStore(db, stationId, createProjector(db));
    store.snapshotFrom('queue:', dispatchListSnapshot);
    const commands = new Commands(store, systemClock, fixedLine(line));
    const numbers = Array.from({ length: n }, (_, i) => orderNumber(i));
    const must = <T>(r: Result<T>, what: string): T => {
      if (!r.ok) throw new Error(`${what}: ${r.error.message}`);
      return r.value;
    };
    const orderOf = (order: string, i: number): CreateOrderRequest => {
      const [product, revision] = i % 5 === 4 ? ['VLV-200', 'A'] : ['VLV-100', 'B'];
      return { number: order, product, revision, quantity: (i % 20) + 1, dueDate: `2027-0${(i % 9) + 1}-15`, priority: (i % 9) + 1 };
    };
    let t = performance.now();
    for (let i = 0; i < n; i += 10_000) {
      must(await commands.importMessage(numbers.slice(i, i + 10_000).map((x, k) => orderOf(x, i + k)), [], commands.context('erp')), 'import');
      if ((i + 10_000) % 50_000 === 0) log(`    … received ${(i + 10_000).toLocaleString('en')} (${seconds(t)} s)`);
    }
    t = performance.now();
    for (let i = 0; i < n; i += 5_000) {
      const wave = await Promise.all(numbers.slice(i, i + 5_000).map((x) => commands.orderAction({ number: x, action: 'release' }, commands.context('supervisor'))));
      for (const r of wave) must(r, 'release');
      if ((i + 5_000) % 50_000 === 0) log(`    … released ${(i + 5_000).toLocaleString('en')} (${seconds(t)} s)`);
    }
    t = performance.now();
    const queue = streams.queue(line);
    for (let i = 0; i < n; i += 10_000) {
      const chunk = numbers.slice(i, i + 10_000);
      await store.submit((tx) => {
        const meta = { at: systemClock.now().toISOString(), actor: 'supervisor', correlationId: 'bench' };
        for (const x of chunk) must(exec(tx, streams.order(x), orderDecider, { type: 'DispatchOrder', line, material: { bom: [], ahead: [] }, counts: { started: 0, good: 0, scrapped: 0 } }, meta), `dispatch ${x}`);
        const { state, version } = tx.load(queue, queueDecider);
        const queued: DomainEvent[] = chunk.map((x, k) => ({ type: 'OrderQueued', data: { line, number: x, position: state.orders.length + k } }));
        tx.append(queue, version, queued, meta);
      });
      if ((i + 10_000) % 50_000 === 0) log(`    … dispatched ${(i + 10_000).toLocaleString('en')} (${seconds(t)} s)`);
    }
  } finally {
    db.close();
  }
}

/**
 * The raw limit of the commit: the same kind of change on a bare table of n rows, WAL, synchronous=FULL. The station
 * keeps spaced ranks, so a move reads the two new neighbours and rewrites one row; so does this.
 */
function bareCommits(dir: string, n: number, moves: readonly Move[]): number[] {
  const db = new Database(join(dir, 'bare.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE dispatch_list (line TEXT NOT NULL, number TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (line, number));
      CREATE INDEX dispatch_list_position ON dispatch_list (line, position);`);
    const list = Array.from({ length: n }, (_, i) => orderNumber(i));
    const insert = db.prepare("INSERT INTO dispatch_list (line, number, position) VALUES ('L1', ?, ?)");
    db.transaction(() => list.forEach((x, i) => insert.run(x, (i + 1) * 1024)))();
    const neighbours = db.prepare("SELECT position FROM dispatch_list WHERE line = 'L1' AND number <> ? ORDER BY position LIMIT 2 OFFSET ?").pluck();
    const set = db.prepare("UPDATE dispatch_list SET position = ? WHERE line = 'L1' AND number = ?");
    const move = db.transaction((order: string, to: number) => {
      const [above, below] = neighbours.all(order, Math.max(0, to - 1)) as number[];
      const rank = to === 0 ? (above ?? 1024) - 1024 : below === undefined ? (above ?? 0) + 1024 : ((above ?? 0) + below) / 2;
      set.run(rank, order);
    });
    return moves.map((m) => {
      const order = list[m.from] ?? '';
      const t = performance.now();
      move(order, m.to);
      const took = performance.now() - t;
      list.splice(m.from, 1);
      list.splice(m.to, 0, order);
      return took;
    });
  } finally {
    db.close();
  }
}

/** The raw limit of the push: a bare ws echo on loopback, with a message the size of the station's. */
async function wsEcho(samples: number): Promise<number[]> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  server.on('connection', (ws) => ws.on('message', (d) => ws.send(String(d))));
  const { port } = server.address() as { port: number };
  const ws = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const message = JSON.stringify({
    kind: 'changed',
    seq: 312_345,
    topics: ['orders'],
    events: [{ seq: 312_345, type: 'OrderMoved', stream: 'queue:L1', at: new Date().toISOString(), data: { line: 'L1', number: 'RS-012345', from: 12_344, to: 12_310 } }],
  });
  const out: number[] = [];
  try {
    for (let i = 0; i < samples + 100; i += 1) {
      const echoed = new Promise<void>((resolve) => ws.once('message', () => resolve()));
      const t = performance.now();
      ws.send(message);
      await echoed;
      if (i >= 100) out.push(performance.now() - t);
    }
    return out;
  } finally {
    ws.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * The order board at plant scale: 100,000 orders in the dispatch list, a shift lead resequencing over HTTP with the
 * list version the board shows, three other boards holding the whole list and kept current from the live stream.
 * Per move: when it is durable (the response) and when the last other board has applied it.
 */
export async function benchResequence(log: (line: string) => void, n = 100_000, counts: Counts = { drag: 300, keyboard: 100, long: 40 }): Promise<ResequenceResult> {
  const dir = tempDir('mes-resequence-');
  const options: StationOptions = {
    dataDir: dir.path,
    host: '127.0.0.1',
    port: 0,
    staticRoot: join(projectRoot, 'out', 'renderer'),
    resourcesDir,
    demo: true,
    log: silentLog,
    version: 'bench',
  };
  const line = EquipmentModel.parse(JSON.parse(readFileSync(join(resourcesDir, 'demo', 'line.json'), 'utf8'))).line.id;
  let station: RunningStation | null = null;
  try {
    const seedStart = performance.now();
    await seed(options, line, n, log);
    const seedSeconds = Math.round((performance.now() - seedStart) / 1000);
    log(`  seeded ${n.toLocaleString('en')} dispatched orders in ${seedSeconds} s; station started again`);
    station = await startStation(options);
    (globalThis as { gc?: () => void }).gc?.();
    const samples = await spawnClients(station.url ?? '', line, n, counts, log);
    await station.dispose();
    station = null;

    const moves = samples.map((s) => s.move);
    const bare = bareCommits(dir.path, n, moves);
    const echo = await wsEcho(1_000);
    const wsQ = { p50Ms: ms(quantile(echo, 0.5)), p95Ms: ms(quantile(echo, 0.95)) };
    log(`  raw limits: bare ws echo on loopback p50 ${wsQ.p50Ms} ms, p95 ${wsQ.p95Ms} ms; bare commits below, per set`);
    const sets = {} as Record<Kind, ResequenceSet>;
    for (const kind of KINDS) {
      const mine = samples.filter((s) => s.move.kind === kind);
      const bareMine = bare.filter((_t, i) => moves[i]?.kind === kind);
      const bareQ = { p50Ms: ms(quantile(bareMine, 0.5)), p95Ms: ms(quantile(bareMine, 0.95)) };
      const durable = quantiles(mine.map((s) => s.durable));
      const allClients = quantiles(mine.map((s) => s.allClients));
      sets[kind] = {
        moves: mine.length,
        durable,
        allClients,
        bareCommit: bareQ,
        durableRatio: Number((durable.p95Ms / bareQ.p95Ms).toFixed(1)),
        allClientsRatio: Number((allClients.p95Ms / (bareQ.p95Ms + wsQ.p95Ms)).toFixed(1)),
      };
    }
    const drags = samples.filter((s) => s.move.kind === 'drag');
    const depth = (rows: string, lo: number, hi: number) => {
      const here = drags.filter((s) => Math.min(s.move.from, s.move.to) >= lo && Math.min(s.move.from, s.move.to) < hi);
      return { rows, moves: here.length, durableP95Ms: ms(quantile(here.map((s) => s.durable), 0.95)), allClientsP95Ms: ms(quantile(here.map((s) => s.allClients), 0.95)) };
    };
    return {
      name: 'resequence',
      orders: n,
      boards: OTHER_BOARDS,
      seedSeconds,
      sets,
      dragsByDepth: [
        depth(`1–${(n / 10).toLocaleString('en')}`, 0, n / 10),
        depth(`${(n / 10 + 1).toLocaleString('en')}–${(n / 2).toLocaleString('en')}`, n / 10, n / 2),
        depth(`${(n / 2 + 1).toLocaleString('en')}–${n.toLocaleString('en')}`, n / 2, Infinity),
      ],
      wsEcho: wsQ,
      target: { dragAllClientsP95Ms: TARGET_P95_MS },
      pass: sets.drag.allClients.p95Ms < TARGET_P95_MS,
    };
  } finally {
    await station?.dispose();
    dir.dispose();
  }
}

if (process.env[ROLE] === 'clients') await clientProcess();
