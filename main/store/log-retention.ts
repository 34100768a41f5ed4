import type { EventStore } from './event-store';

export interface PruneResult {
  /** Streams (units, orders) whose events left the log. */
  readonly streams: number;
  readonly events: number;
}

/**
 * Retention of what the plant already holds: the events of units finished (completed or scrapped) and orders finished
 * (completed or cancelled) before `finishedBefore`, every one of whose events is replicated (sequence ≤ `shippedThrough`)
 * and has been read by every other consumer of the log that keeps a durable cursor (the UNS publisher while it
 * publishes: a broker down for longer than the retention loses no completed unit), leave the station's log, a whole stream at a time (nothing more is ever decided on a finished unit or order, so no
 * command needs them); each leaves its place in the chain behind. What is not replicated is never touched. The read
 * models keep their rows: the station still answers for those units; a command on one is refused as retired (the
 * store forgets their cached states). `maxStreams` bounds one call's work (the station calls again on its next turn).
 */
export function pruneReplicated(store: EventStore, o: { readonly shippedThrough: number; readonly finishedBefore: string; readonly now: string; readonly maxStreams?: number }): PruneResult {
  const { db } = store;
  const candidates = db
    .prepare(
      `SELECT stream FROM (
         SELECT 'unit:' || serial AS stream, ended_at AS ended FROM units WHERE status IN ('completed', 'scrapped') AND ended_at < @cut
         UNION ALL
         SELECT 'order:' || number, updated_at FROM orders WHERE status IN ('completed', 'cancelled') AND updated_at < @cut
       ) c
       WHERE EXISTS (SELECT 1 FROM events e WHERE e.stream = c.stream)
         AND (SELECT max(seq) FROM events e WHERE e.stream = c.stream) <= @shipped
         AND (SELECT max(seq) FROM events e WHERE e.stream = c.stream) <= (SELECT coalesce(min(shipped), @shipped) FROM replication_cursor)
       LIMIT @max`,
    )
    .pluck()
    .all({ cut: o.finishedBefore, shipped: o.shippedThrough, max: o.maxStreams ?? 500 }) as string[];
  const keep = db.prepare('INSERT INTO pruned_events (seq, stream, previous_hash, hash, pruned_at) SELECT seq, stream, previous_hash, hash, ? FROM events WHERE stream = ?');
  const drop = db.prepare('DELETE FROM events WHERE stream = ?');
  let events = 0;
  db.transaction(() => {
    for (const stream of candidates) {
      keep.run(o.now, stream);
      events += drop.run(stream).changes;
    }
  })();
  store.forget(candidates);
  return { streams: candidates.length, events };
}

/** How many events left the log under retention (0: the log is whole here). */
export function prunedCount(db: EventStore['db']): number {
  return db.prepare('SELECT count(*) FROM pruned_events').pluck().get() as number;
}
