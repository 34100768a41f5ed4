import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createProjector, openDatabase, toRecorded, type Db } from '../store';

/** One event as the plant's log holds it (hashes as hex text). */
export interface PlantEventRow {
  readonly seq: string | number;
  readonly station_id: string;
  readonly stream: string;
  readonly stream_version: number;
  readonly at: string;
  readonly actor: string;
  readonly type: string;
  readonly data: string;
  readonly correlation_id: string | null;
  readonly signatures: string | null;
  readonly previous_hash: string | null;
  readonly hash: string | null;
}

const hex = (h: string | null) => (h === null ? null : Buffer.from(h, 'hex'));

/** A file name for a station id (any text): its readable part and a digest, so two ids never share a file. */
const fileOf = (stationId: string) => `${stationId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 40)}-${createHash('sha256').update(stationId).digest('hex').slice(0, 32)}.sqlite`;

/**
 * The plant's replica of one station: its log as replicated, in a SQLite file of the station's own schema, with the
 * read models the station's own projectors make from it (in the same transaction as the events), so that what the
 * plant answers about a line is what the line's station answers. A cache of the plant's PostgreSQL: deleted, it is
 * made again from there.
 */
export class StationReplica {
  readonly db: Db;
  private readonly insert;
  private readonly project;
  private readonly headStmt;

  constructor(
    dir: string,
    readonly stationId: string,
  ) {
    // NORMAL: a replica lost in a crash is made again from PostgreSQL; what it has is consistent either way (WAL).
    this.db = openDatabase(join(dir, fileOf(stationId)), { synchronous: 'NORMAL' });
    this.insert = this.db.prepare(
      'INSERT INTO events (seq, station_id, stream, stream_version, at, actor, type, data, correlation_id, signatures, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const projector = createProjector(this.db);
    this.project = (row: PlantEventRow, seq: number) => projector(this.db, toRecorded({ ...row, seq }));
    this.headStmt = this.db.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck();
  }

  /** The last event it holds. */
  head(): number {
    return this.headStmt.get() as number;
  }

  /** Appends the next events of the station's log and projects them, all or nothing. */
  apply(rows: readonly PlantEventRow[]): void {
    this.db.transaction(() => {
      let expected = this.head() + 1;
      for (const r of rows) {
        const seq = Number(r.seq);
        if (seq !== expected) throw new Error(`station ${this.stationId}'s replica is at ${expected - 1}; event ${seq} does not follow it`);
        this.insert.run(seq, r.station_id, r.stream, r.stream_version, r.at, r.actor, r.type, r.data, r.correlation_id, r.signatures, hex(r.previous_hash), hex(r.hash));
        this.project(r, seq);
        expected++;
      }
    })();
  }

  /** The units events (after, upTo] touched: named by their stream or their data. */
  touchedUnits(after: number, upTo: number): string[] {
    return this.db
      .prepare(
        `SELECT DISTINCT serial FROM (
           SELECT substr(stream, 6) AS serial FROM events WHERE seq > ? AND seq <= ? AND stream LIKE 'unit:%'
           UNION SELECT json_extract(data, '$.serial') FROM events WHERE seq > ? AND seq <= ? AND json_extract(data, '$.serial') IS NOT NULL)`,
      )
      .pluck()
      .all(after, upTo, after, upTo) as string[];
  }

  close(): void {
    this.db.close();
  }
}
