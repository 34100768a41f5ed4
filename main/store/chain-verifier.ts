import { canonicalEvent, canonicalForm, judgeCheckpoint, judgeLink, type ChainBreak, type ChainedRow, type Checkpoint } from '../../core';
import { GENESIS, readHead, sha256Hex, unboundSignature } from './chain';
import type { Db } from './database';
import { nextTurn } from '../process';

/** What a walk of the chain found. */
export interface ChainReport {
  /** Every event from the first to the head continues the chain, and every checkpoint given matches. */
  readonly intact: boolean;
  /** Events walked (all of them when intact; up to the first break otherwise). */
  readonly events: number;
  /** The head when the walk began: the checkpoint to keep from this report. */
  readonly head: { readonly seq: number; readonly hash: string } | null;
  readonly firstBreak: ChainBreak | null;
  readonly checkpoints: (Checkpoint & { readonly matches: boolean })[];
  /** Events recorded before the chain existed and chained when the station was upgraded (their earlier integrity rests on the append-only triggers). */
  readonly chainedLater: { readonly through: number; readonly at: string } | null;
  /** Events whose content left the station under retention (it is at the plant): their links were walked, not their content. */
  readonly pruned: number;
  readonly verifiedAt: string;
  readonly ms: number;
}

export interface WalkProgress {
  readonly done: number;
  readonly total: number;
}

const PAGE = 2_000;
// The hashes as lower-case hex, made by SQLite: no Buffer per column, compared as strings.
const SELECT = `SELECT seq, station_id, stream, stream_version, at, actor, type, data, correlation_id, signatures,
  lower(hex(previous_hash)), lower(hex(hash))
  FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ${PAGE}`;

// With retention: the places of the events that left, in order among the events still here (marked by the last column).
const SELECT_WITH_PRUNED = `SELECT * FROM (
  SELECT seq, station_id, stream, stream_version, at, actor, type, data, correlation_id, signatures,
    lower(hex(previous_hash)), lower(hex(hash)), 0 FROM events WHERE seq > @after AND seq <= @last
  UNION ALL
  SELECT seq, NULL, stream, NULL, NULL, NULL, NULL, NULL, NULL, NULL, lower(hex(previous_hash)), lower(hex(hash)), 1 FROM pruned_events WHERE seq > @after AND seq <= @last
) ORDER BY 1 LIMIT ${PAGE}`;

/** A row read raw: seq, station_id, stream, stream_version, at, actor, type, data, correlation_id, signatures, and the previous hash and hash as hex. */
type RawColumns = [number, string, string, number, string, string, string, string, string | null, string | null, string, string];

/** The row's content as the chain hashes it. */
const contentOf = (c: RawColumns, seq = c[0]): ChainedRow => ({
  seq,
  stationId: c[1],
  stream: c[2],
  streamVersion: c[3],
  at: c[4],
  actor: c[5],
  type: c[6],
  data: c[7],
  correlationId: c[8],
  signatures: c[9],
});

/**
 * Walks the log from its first event to the head it has when the walk begins, one page at a time: a generator, so
 * the station can walk in slices of its loop and a command-line tool all at once. Each event's hash is recomputed
 * over its stored content and checked against the event before it; the first that fails is named, with what was
 * done to the record. Then each checkpoint (a head kept elsewhere) must still be in the chain.
 */
export function* walkChain(db: Db, checkpoints: readonly Checkpoint[] = [], now: () => Date = () => new Date()): Generator<WalkProgress, ChainReport> {
  const started = performance.now();
  const head = readHead(db);
  const lastSeq = head.seq;
  // Sequence numbers have no gaps in a log the station wrote: the head's is the count to show progress against.
  const total = lastSeq;
  // Rows as arrays (no object per row): the columns in SELECT's order.
  const pruned = db.prepare('SELECT count(*) FROM pruned_events').pluck().get() as number;
  const page = db.prepare(pruned > 0 ? SELECT_WITH_PRUNED : SELECT).raw(true);
  const seqOfHash = (h: string): number | undefined =>
    (db.prepare('SELECT min(seq) FROM (SELECT seq FROM events WHERE hash = @h UNION ALL SELECT seq FROM pruned_events WHERE hash = @h)').pluck().get({ h: Buffer.from(h, 'hex') }) as number | null) ?? undefined;

  let before = { seq: GENESIS.seq, hash: GENESIS.hex };
  let done = 0;
  let firstBreak: ChainBreak | null = null;
  walk: while (before.seq < lastSeq) {
    const rows = (pruned > 0 ? page.all({ after: before.seq, last: lastSeq }) : page.all(before.seq, lastSeq)) as RawColumns[];
    if (rows.length === 0) break;
    for (const c of rows) {
      // hex() of NULL is '': a row without a hash never passes.
      const stored = c[11];
      if ((c as unknown[])[12] === 1) {
        // An event that left under retention: its place must join the chain on both sides; its content is the plant's to check.
        if (c[0] === before.seq + 1 && c[10] === before.hash && stored !== '') {
          before = { seq: c[0], hash: stored };
          done += 1;
          continue;
        }
        firstBreak = { seq: c[0], problem: 'rewritten', why: `the place in the chain kept for event ${c[0]} (which left the station under retention) does not join the events around it` };
        break walk;
      }
      // The fast path: the row continues the chain exactly.
      if (c[0] === before.seq + 1 && c[10] === before.hash && sha256Hex(canonicalForm(c[1], c[0], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], before.hash)) === stored) {
        // A signed event: each signature must be bound to it (a copied signature hashes into the chain as well as any).
        if (c[9] !== null) {
          const unbound = unboundSignature(contentOf(c));
          if (unbound) {
            firstBreak = {
              seq: c[0],
              problem: 'unbound-signature',
              why: `the signature of ${unbound.username} (${unbound.meaning}) on event ${c[0]} was not made for this event: it was copied from another record, or the event was edited after it was signed`,
            };
            break walk;
          }
        }
        before = { seq: c[0], hash: stored };
        done += 1;
        continue;
      }
      // The slow path, once: what was done to the record. A missing hash reads as '' (hex() of NULL).
      const previous = c[10] === '' ? null : c[10];
      firstBreak = judgeLink({
        before,
        row: { seq: c[0], previousHash: previous, hash: stored === '' ? null : stored },
        hashAt: (seq) => (previous === null ? '' : sha256Hex(canonicalEvent(contentOf(c, seq), previous))),
        seqOfHash,
      });
      if (firstBreak) break walk;
      // judgeLink found it sound (it never does when the fast path did not): go on from it.
      before = { seq: c[0], hash: stored };
      done += 1;
    }
    yield { done, total };
  }

  const judged = checkpoints.map((c) => {
    // A checkpoint on an event that left under retention is checked against the place it left.
    const stored = db.prepare('SELECT hash FROM events WHERE seq = @seq UNION ALL SELECT hash FROM pruned_events WHERE seq = @seq').pluck().get({ seq: c.seq }) as Buffer | undefined;
    const problem = judgeCheckpoint(c, stored ? stored.toString('hex') : undefined, lastSeq);
    return { checkpoint: c, problem };
  });
  if (!firstBreak) firstBreak = judged.find((j) => j.problem)?.problem ?? null;

  const adoption = db.prepare("SELECT at, data FROM events WHERE type = 'RecordChained' ORDER BY seq LIMIT 1").get() as { at: string; data: string } | undefined;
  const chainedLater = adoption ? { through: (JSON.parse(adoption.data) as { through: number }).through, at: adoption.at } : null;
  return {
    intact: firstBreak === null,
    events: done,
    head: lastSeq > 0 ? { seq: lastSeq, hash: head.hex } : null,
    firstBreak,
    checkpoints: judged.map((j) => ({ ...j.checkpoint, matches: j.problem === null })),
    chainedLater,
    pruned,
    verifiedAt: now().toISOString(),
    ms: Math.round(performance.now() - started),
  };
}


/** The whole walk at once (the command line, tests). */
export function verifyChain(db: Db, checkpoints: readonly Checkpoint[] = [], onProgress: (p: WalkProgress) => void = () => {}): ChainReport {
  const walk = walkChain(db, checkpoints);
  for (;;) {
    const step = walk.next();
    if (step.done) return step.value;
    onProgress(step.value);
  }
}

/** The walk in slices of the loop of about `sliceMs` each, the loop free between them (the station). */
export async function verifyChainInSlices(
  db: Db,
  checkpoints: readonly Checkpoint[] = [],
  onProgress: (p: WalkProgress) => void = () => {},
  sliceMs = 8,
  signal?: AbortSignal,
): Promise<ChainReport> {
  const walk = walkChain(db, checkpoints);
  for (;;) {
    if (signal?.aborted) throw new Error('the walk of the chain was stopped');
    const until = performance.now() + sliceMs;
    let step = walk.next();
    while (!step.done && performance.now() < until) step = walk.next();
    if (step.done) return step.value;
    onProgress(step.value);
    await nextTurn();
  }
}
