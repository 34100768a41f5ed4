import { canonicalForm, type BoundSignature, type CommandContext, type DomainEvent, type RecordedEvent, type RecordMeta } from '../../core';
import { bindSignatures, readHead, sha256, type ChainHead } from './chain';
import type { Db } from './database';
import { SYNCED_ON_COMMIT, type Durability } from './wal-sync';

/** What the log keeps of a command's context with each event. */
export type AppendMeta = Pick<CommandContext, 'at' | 'actor' | 'correlationId' | 'signatures'>;

interface Evolver<S> {
  initialState(): S;
  evolve(state: S, event: never): S;
}

/** What a command handler sees: the aggregates' states and the append, all inside one transaction. */
export interface Tx {
  readonly db: Db;
  load<S>(stream: string, decider: Evolver<S>): { readonly state: S; readonly version: number };
  append(stream: string, expectedVersion: number, events: readonly DomainEvent[], meta: AppendMeta): readonly RecordedEvent[];
  /** When a stream's events left this log under retention (a finished unit or order the plant holds); null if never. */
  retiredAt(stream: string): string | null;
}

export type Projector = (db: Db, event: RecordedEvent) => void;

interface Cached {
  /** The stream's version as far as this transaction knows (advanced in place by appends in the same scope). */
  head: number;
  /** A folded state and the version it is at, when the stream was loaded. */
  readonly state?: { readonly value: unknown; readonly version: number };
}

interface Job {
  readonly work: (tx: Tx) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** Thrown out of a group transaction when one of its commands failed: the group is run again, each command isolated. */
class GroupAborted extends Error {}

export class ConcurrencyError extends Error {
  readonly code = 'conflict';
}

/**
 * The event store. One writer: commands queued in the same turn of the event loop are committed together
 * (one sync for the group), each in its own savepoint so that one failing command rolls back alone.
 * A command is acknowledged (its promise resolves, the committed listeners hear its events) only once its group is on
 * disk: at COMMIT with synchronous=FULL, or when the WalSync (`durable`) says so, off the loop. Groups are acknowledged
 * in the order they committed.
 */
export class EventStore {
  private readonly cache = new Map<string, Cached>();
  private readonly snapshots: { prefix: string; read: (db: Db, stream: string) => unknown }[] = [];
  private queue: Job[] = [];
  private flushScheduled = false;
  private readonly listeners = new Set<(events: readonly RecordedEvent[]) => void>();
  private readonly insert;
  private readonly streamRows;
  private readonly streamVersion;
  /** Shared by every transaction's handle (made once, not per command). */
  private readonly retiredAt: (stream: string) => string | null;
  private readonly nested;
  /** The chain's committed head: every append continues it (a group that rolls back leaves it as it was). */
  private head: ChainHead;

  constructor(
    readonly db: Db,
    readonly stationId: string,
    private readonly project: Projector,
    private readonly durable: Durability = SYNCED_ON_COMMIT,
  ) {
    this.insert = db.prepare(
      `INSERT INTO events (seq, station_id, stream, stream_version, at, actor, type, data, correlation_id, signatures, previous_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.head = readHead(db);
    this.streamRows = db.prepare('SELECT type, data FROM events WHERE stream = ? AND stream_version > ? ORDER BY stream_version');
    this.streamVersion = db.prepare('SELECT coalesce(max(stream_version), 0) AS v FROM events WHERE stream = ?').pluck();
    const retired = db.prepare('SELECT max(pruned_at) FROM pruned_events WHERE stream = ?').pluck();
    this.retiredAt = (stream) => (retired.get(stream) as string | null) ?? null;
    // Created once: called inside the group's transaction it runs in a savepoint.
    this.nested = db.transaction((job: Job, tx: Tx) => job.work(tx));
  }

  /** Streams that left the log under retention: their states leave the cache with them (a command on one finds it retired). */
  forget(streams: readonly string[]): void {
    for (const stream of streams) this.cache.delete(stream);
  }

  /** Queue a command; it commits with the others of this turn. */
  submit<T>(work: (tx: Tx) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Run one command now, in a transaction of its own (start-up seeding, tools). */
  runNow<T>(work: (tx: Tx) => T): T {
    let out: { ok: boolean; value: unknown } = { ok: false, value: new Error('not run') };
    this.commitGroup([{ work, resolve: (value) => (out = { ok: true, value }), reject: (value) => (out = { ok: false, value }) }], true);
    if (!out.ok) throw out.value;
    return out.value as T;
  }

  /**
   * A read model that holds a stream's whole state (kept in the same transaction as the log): a stream with that prefix
   * is loaded from it instead of folded from its first event, when nothing is cached or the cache is far behind.
   * For aggregates with long streams (the dispatch list: one event per order ever dispatched).
   */
  snapshotFrom(prefix: string, read: (db: Db, stream: string) => unknown): void {
    this.snapshots.push({ prefix, read });
  }

  onCommitted(listener: (events: readonly RecordedEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The chain's head as committed: the last event's sequence number and hash (hex), a checkpoint to keep elsewhere. */
  chainHead(): { readonly seq: number; readonly hash: string } {
    return { seq: this.head.seq, hash: this.head.hex };
  }

  /** The log's last committed sequence number (asked by every health check and stream greeting): the chain's head. */
  lastSeq(): number {
    return this.head.seq;
  }

  /** The log after `after`, oldest first; of one stream if given; without the events of `hiddenTypes` (withheld from the caller). */
  readAll(after: number, limit: number, stream?: string, hiddenTypes: readonly string[] = []): RecordedEvent[] {
    const hide = hiddenTypes.length > 0 ? ` AND type NOT IN (${hiddenTypes.map(() => '?').join(', ')})` : '';
    const rows = (
      stream === undefined
        ? this.db.prepare(`SELECT * FROM events WHERE seq > ?${hide} ORDER BY seq LIMIT ?`).all(after, ...hiddenTypes, limit)
        : this.db.prepare(`SELECT * FROM events WHERE stream = ? AND seq > ?${hide} ORDER BY seq LIMIT ?`).all(stream, after, ...hiddenTypes, limit)
    ) as EventRow[];
    return rows.map(toRecorded);
  }

  private flush(): void {
    this.flushScheduled = false;
    const jobs = this.queue;
    this.queue = [];
    if (jobs.length > 0) this.commitGroup(jobs);
  }

  private commitGroup(jobs: readonly Job[], sync = false): void {
    // Fast path: the whole group in one transaction. If any command throws, roll it all back and run the group
    // again with each command in a savepoint of its own, so that only the failing one is lost. Commands are
    // deterministic over the database, so running one twice is safe.
    let outcome: ReturnType<EventStore['runGroup']>;
    try {
      outcome = this.runGroup(jobs, false);
    } catch (error) {
      if (!(error instanceof GroupAborted)) {
        for (const job of jobs) job.reject(error);
        return;
      }
      try {
        outcome = this.runGroup(jobs, true);
      } catch (again) {
        for (const job of jobs) job.reject(again);
        return;
      }
    }
    for (const [k, v] of outcome.cache) this.cache.set(k, v);
    const acknowledge = () => {
      jobs.forEach((job, i) => {
        const r = outcome.results[i];
        if (r?.ok) job.resolve(r.value);
        else job.reject(r?.value);
      });
      if (outcome.events.length > 0) for (const l of this.listeners) l(outcome.events);
    };
    if (sync) {
      this.durable.flushedSync();
      return acknowledge();
    }
    // Committed and seen by the next commands; acknowledged once on disk. A disk that refuses fails every command of
    // the group (the caller hears it; what was committed stays in the file).
    this.durable.flushed().then(acknowledge, (error: unknown) => {
      for (const job of jobs) job.reject(error);
    });
  }

  private runGroup(jobs: readonly Job[], isolate: boolean) {
    const group = new Map<string, Cached>();
    const events: RecordedEvent[] = [];
    const results: { ok: boolean; value: unknown }[] = [];
    const chain: ChainHead = { ...this.head };
    this.db.transaction(() => {
      if (!isolate) {
        const tx = this.txFor(group, group, events, chain);
        for (const job of jobs) {
          try {
            results.push({ ok: true, value: job.work(tx) });
          } catch {
            throw new GroupAborted();
          }
        }
        return;
      }
      for (const job of jobs) {
        const staged = new Map<string, Cached>();
        const mine: RecordedEvent[] = [];
        const mark = { ...chain };
        try {
          results.push({ ok: true, value: this.nested(job, this.txFor(staged, group, mine, chain)) });
          for (const [k, v] of staged) group.set(k, v);
          events.push(...mine);
        } catch (error) {
          // Its savepoint rolled back: the chain goes on from where it was before it.
          Object.assign(chain, mark);
          results.push({ ok: false, value: error });
        }
      }
    })();
    this.head = chain;
    return { cache: group, events, results };
  }

  private txFor(staged: Map<string, Cached>, group: Map<string, Cached>, out: RecordedEvent[], chain: ChainHead): Tx {
    const current =
      staged === group
        ? (stream: string): Cached | undefined => group.get(stream) ?? this.cache.get(stream)
        : (stream: string): Cached | undefined => staged.get(stream) ?? group.get(stream) ?? this.cache.get(stream);
    return {
      db: this.db,
      retiredAt: this.retiredAt,
      load: <S>(stream: string, decider: Evolver<S>) => {
        const known = current(stream);
        const snapshot = this.snapshots.find((x) => stream.startsWith(x.prefix));
        if (snapshot && (!known?.state || known.head - known.state.version > 64)) {
          const state = snapshot.read(this.db, stream) as S;
          const version = this.streamVersion.get(stream) as number;
          staged.set(stream, { head: version, state: { value: state, version } });
          return { state, version };
        }
        let state = known?.state ? (known.state.value as S) : decider.initialState();
        let version = known?.state?.version ?? 0;
        for (const row of this.streamRows.all(stream, version) as { type: string; data: string }[]) {
          state = decider.evolve(state, { type: row.type, data: JSON.parse(row.data) } as never);
          version += 1;
        }
        staged.set(stream, { head: version, state: { value: state, version } });
        return { state, version };
      },
      append: (stream, expectedVersion, events, meta) => {
        const known = current(stream);
        const actual = known?.head ?? (this.streamVersion.get(stream) as number);
        if (actual !== expectedVersion) {
          throw new ConcurrencyError(`stream ${stream} is at version ${actual}, not ${expectedVersion}: someone else changed it first`);
        }
        const appended: RecordedEvent[] = [];
        let version = expectedVersion;
        for (const event of events) {
          version += 1;
          const seq = chain.seq + 1;
          const data = JSON.stringify(event.data);
          // Signed: each signature bound to this event (the hash of the record it signs). Rare: unsigned events make no
          // objects here beyond the row.
          const bound = meta.signatures?.length
            ? bindSignatures(meta.signatures, { seq, stationId: this.stationId, stream, streamVersion: version, at: meta.at, actor: meta.actor, type: event.type, data, correlationId: meta.correlationId })
            : undefined;
          const signatures = bound ? JSON.stringify(bound) : null;
          const hash = sha256(canonicalForm(this.stationId, seq, stream, version, meta.at, meta.actor, event.type, data, meta.correlationId, signatures, chain.hex));
          this.insert.run(seq, this.stationId, stream, version, meta.at, meta.actor, event.type, data, meta.correlationId, signatures, chain.hash, hash);
          chain.seq = seq;
          chain.hash = hash;
          chain.hex = hash.toString('hex');
          const rec = recorded(seq, this.stationId, stream, version, meta, event, bound);
          this.project(this.db, rec);
          appended.push(rec);
          out.push(rec);
        }
        // The folded state (if any) stays at its version; the next load folds the new rows in.
        const local = staged.get(stream);
        if (local) local.head = actual + events.length;
        else staged.set(stream, known?.state ? { head: actual + events.length, state: known.state } : { head: actual + events.length });
        return appended;
      },
    };
  }
}

export interface EventRow {
  seq: number;
  station_id: string;
  stream: string;
  stream_version: number;
  at: string;
  actor: string;
  type: string;
  data: string;
  correlation_id: string | null;
  signatures?: string | null;
}

/** A recorded event: the type and its data travel together, so the union stays discriminated. */
function recorded(
  seq: number,
  stationId: string,
  stream: string,
  streamVersion: number,
  meta: Pick<RecordMeta, 'at' | 'actor' | 'correlationId'>,
  event: DomainEvent,
  signatures?: readonly BoundSignature[],
): RecordedEvent {
  const e = { seq, stationId, stream, streamVersion, at: meta.at, actor: meta.actor, correlationId: meta.correlationId, ...event } as RecordedEvent;
  return signatures ? { ...e, signatures } : e;
}

/** A log row as a recorded event. The row's type names its data's shape: the log is written only by append(). */
export function toRecorded(row: EventRow): RecordedEvent {
  const event = { type: row.type, data: JSON.parse(row.data) } as DomainEvent;
  const signatures = row.signatures ? (JSON.parse(row.signatures) as BoundSignature[]) : undefined;
  return recorded(row.seq, row.station_id, row.stream, row.stream_version, { at: row.at, actor: row.actor, correlationId: row.correlation_id }, event, signatures);
}
