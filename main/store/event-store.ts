import type { DomainEvent, RecordedEvent } from '../../core';
import type { Db } from './database';

export interface AppendMeta {
  readonly at: string;
  readonly actor: string;
}

interface Evolver<S> {
  initialState(): S;
  evolve(state: S, event: never): S;
}

/** What a command handler sees: the aggregates' states and the append, all inside one transaction. */
export interface Tx {
  readonly db: Db;
  load<S>(stream: string, decider: Evolver<S>): { readonly state: S; readonly version: number };
  append(stream: string, expectedVersion: number, events: readonly DomainEvent[], meta: AppendMeta): readonly RecordedEvent[];
}

export type Projector = (db: Db, event: RecordedEvent) => void;

interface Cached {
  readonly version: number;
  readonly state: unknown;
}

interface Job {
  readonly work: (tx: Tx) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

export class ConcurrencyError extends Error {
  readonly code = 'conflict';
}

/**
 * The event store. One writer: commands queued in the same turn of the event loop are committed together
 * (one fsync for the group), each in its own savepoint so that one failing command rolls back alone.
 * A promise resolves only after its group's COMMIT has returned: with synchronous=FULL that is on disk.
 */
export class EventStore {
  private readonly cache = new Map<string, Cached>();
  private queue: Job[] = [];
  private flushScheduled = false;
  private readonly listeners = new Set<(events: readonly RecordedEvent[]) => void>();
  private readonly insert;
  private readonly streamRows;
  private readonly streamVersion;

  constructor(
    readonly db: Db,
    readonly stationId: string,
    private readonly project: Projector,
  ) {
    this.insert = db.prepare(
      'INSERT INTO events (station_id, stream, stream_version, at, actor, type, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.streamRows = db.prepare('SELECT type, data FROM events WHERE stream = ? AND stream_version > ? ORDER BY stream_version');
    this.streamVersion = db.prepare('SELECT coalesce(max(stream_version), 0) AS v FROM events WHERE stream = ?').pluck();
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
    let out: T | undefined;
    let error: unknown;
    this.commitGroup([{ work, resolve: (v) => (out = v as T), reject: (e) => (error = e) }]);
    if (error !== undefined) throw error;
    return out as T;
  }

  onCommitted(listener: (events: readonly RecordedEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  lastSeq(): number {
    return (this.db.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck().get() as number) ?? 0;
  }

  readAll(after: number, limit: number, stream?: string): RecordedEvent[] {
    const rows = (
      stream === undefined
        ? this.db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?').all(after, limit)
        : this.db.prepare('SELECT * FROM events WHERE stream = ? AND seq > ? ORDER BY seq LIMIT ?').all(stream, after, limit)
    ) as EventRow[];
    return rows.map(toRecorded);
  }

  private flush(): void {
    this.flushScheduled = false;
    const jobs = this.queue;
    this.queue = [];
    if (jobs.length > 0) this.commitGroup(jobs);
  }

  private commitGroup(jobs: readonly Job[]): void {
    const groupCache = new Map<string, Cached>();
    const groupEvents: RecordedEvent[] = [];
    const outcomes: { job: Job; ok: boolean; value: unknown }[] = [];
    try {
      this.db.transaction(() => {
        for (const job of jobs) {
          const staged = new Map<string, Cached>();
          const events: RecordedEvent[] = [];
          const tx = this.txFor(staged, groupCache, events);
          try {
            const value = this.db.transaction(() => job.work(tx))();
            for (const [k, v] of staged) groupCache.set(k, v);
            groupEvents.push(...events);
            outcomes.push({ job, ok: true, value });
          } catch (error) {
            outcomes.push({ job, ok: false, value: error });
          }
        }
      })();
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    for (const [k, v] of groupCache) this.cache.set(k, v);
    for (const o of outcomes) (o.ok ? o.job.resolve : o.job.reject)(o.value);
    if (groupEvents.length > 0) for (const l of this.listeners) l(groupEvents);
  }

  private txFor(staged: Map<string, Cached>, group: Map<string, Cached>, out: RecordedEvent[]): Tx {
    const current = (stream: string): Cached | undefined => staged.get(stream) ?? group.get(stream) ?? this.cache.get(stream);
    return {
      db: this.db,
      load: <S>(stream: string, decider: Evolver<S>) => {
        const known = current(stream);
        let state = (known?.state as S | undefined) ?? decider.initialState();
        let version = known?.version ?? 0;
        for (const row of this.streamRows.all(stream, version) as { type: string; data: string }[]) {
          state = decider.evolve(state, { type: row.type, data: JSON.parse(row.data) } as never);
          version += 1;
        }
        staged.set(stream, { version, state });
        return { state, version };
      },
      append: (stream, expectedVersion, events, meta) => {
        const actual = current(stream)?.version ?? (this.streamVersion.get(stream) as number);
        if (actual !== expectedVersion) {
          throw new ConcurrencyError(`stream ${stream} is at version ${actual}, not ${expectedVersion}: someone else changed it first`);
        }
        const recorded = events.map((event, i) => {
          const version = expectedVersion + i + 1;
          const data = JSON.stringify(event.data);
          const seq = Number(this.insert.run(this.stationId, stream, version, meta.at, meta.actor, event.type, data).lastInsertRowid);
          const rec = { seq, stationId: this.stationId, stream, streamVersion: version, at: meta.at, actor: meta.actor, type: event.type, data: event.data } as RecordedEvent;
          this.project(this.db, rec);
          return rec;
        });
        // The cached (version, state) pair stays as it was: the next load folds the new rows in.
        out.push(...recorded);
        return recorded;
      },
    };
  }
}

interface EventRow {
  seq: number;
  station_id: string;
  stream: string;
  stream_version: number;
  at: string;
  actor: string;
  type: string;
  data: string;
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    seq: row.seq,
    stationId: row.station_id,
    stream: row.stream,
    streamVersion: row.stream_version,
    at: row.at,
    actor: row.actor,
    type: row.type,
    data: JSON.parse(row.data),
  } as RecordedEvent;
}
