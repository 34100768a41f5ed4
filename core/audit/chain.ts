// The tamper-evident log: every event carries a SHA-256 hash over its canonical form and the hash of the event before
// it. What is hashed and how a broken link is named live here (runtime-free); the hashing itself is the store's.

/** The canonical form's version: a change to what is hashed is a new format, never an edit of this one. */
export const CHAIN_FORMAT = 1;

/** The hash the first event is chained to. */
export const GENESIS_HASH = '0'.repeat(64);

/** An event row as the chain sees it: the data and the signatures exactly as stored (JSON text). */
export interface ChainedRow {
  readonly seq: number;
  readonly stationId: string;
  readonly stream: string;
  readonly streamVersion: number;
  readonly at: string;
  readonly actor: string;
  readonly type: string;
  readonly data: string;
  readonly correlationId: string | null;
  readonly signatures: string | null;
}

/**
 * The canonical form of a row: a JSON array in a fixed order, with the previous event's hash (hex). JSON.stringify of
 * strings, integers and null is deterministic, and the data is hashed as the text stored, so any edit of a stored byte
 * shows.
 */
export function canonicalEvent(row: ChainedRow, previousHash: string): string {
  return canonicalForm(row.stationId, row.seq, row.stream, row.streamVersion, row.at, row.actor, row.type, row.data, row.correlationId, row.signatures, previousHash);
}

/** The same form from the columns one by one (the walk of millions of rows reads them as arrays). */
export function canonicalForm(
  stationId: string,
  seq: number,
  stream: string,
  streamVersion: number,
  at: string,
  actor: string,
  type: string,
  data: string,
  correlationId: string | null,
  signatures: string | null,
  previousHash: string,
): string {
  return JSON.stringify([CHAIN_FORMAT, stationId, seq, stream, streamVersion, at, actor, type, data, correlationId, signatures, previousHash]);
}

/**
 * The signed record (11.70): the row without its signatures and without its link, as a signature binds to it. A
 * signature copied to another event, or an event edited after it was signed, no longer matches.
 */
export function signedRecordForm(row: Omit<ChainedRow, 'signatures'>): string {
  return canonicalForm(row.stationId, row.seq, row.stream, row.streamVersion, row.at, row.actor, row.type, row.data, row.correlationId, null, '');
}

/** How an event fails the chain. */
export type ChainProblem = 'edited' | 'deleted' | 'inserted' | 'reordered' | 'rewritten' | 'truncated' | 'unbound-signature';

export interface ChainBreak {
  /** The first event that does not match (for a deletion: the first one missing). */
  readonly seq: number;
  readonly problem: ChainProblem;
  readonly why: string;
}

/** A link as stored (hex hashes; null where the row has none). */
export interface StoredLink {
  readonly seq: number;
  readonly previousHash: string | null;
  readonly hash: string | null;
}

export interface LinkFacts {
  /** The last event that passed (seq 0 and the genesis hash before the first). */
  readonly before: { readonly seq: number; readonly hash: string };
  readonly row: StoredLink;
  /** The row's hash recomputed over its content at a sequence number, with its stored previous hash. */
  readonly hashAt: (seq: number) => string;
  /** The sequence number of the stored event whose hash this is, if any. */
  readonly seqOfHash: (hash: string) => number | undefined;
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Judges one row against the event before it: null when it continues the chain, else what was done to the record.
 * Only called in order, and only until the first break: everything after a break is unproven.
 */
export function judgeLink({ before, row, hashAt, seqOfHash }: LinkFacts): ChainBreak | null {
  if (row.hash === null || row.previousHash === null || !HEX64.test(row.hash) || !HEX64.test(row.previousHash)) {
    return { seq: row.seq, problem: 'inserted', why: `event ${row.seq} carries no chain hash: the station did not write it (it was put into the file)` };
  }
  if (row.seq > before.seq + 1) {
    const missing = before.seq + 1 === row.seq - 1 ? `event ${before.seq + 1} is` : `events ${before.seq + 1}–${row.seq - 1} are`;
    return { seq: before.seq + 1, problem: 'deleted', why: `${missing} missing from the log: deleted` };
  }
  const selfConsistent = hashAt(row.seq) === row.hash;
  const linked = row.previousHash === before.hash;
  if (selfConsistent && linked) return null;
  if (linked) {
    return { seq: row.seq, problem: 'edited', why: `event ${row.seq} no longer matches its hash: it was changed after it was recorded` };
  }
  const after = seqOfHash(row.previousHash);
  if (after === undefined) {
    if (selfConsistent && before.seq > 0) {
      return {
        seq: before.seq,
        problem: 'edited',
        why: `event ${row.seq} was chained to another event ${before.seq} than the one in the log: event ${before.seq} was replaced and hashed anew`,
      };
    }
    return { seq: row.seq, problem: 'edited', why: `event ${row.seq} no longer matches its hash or the event before it: it was changed after it was recorded` };
  }
  // The row was chained after event `after`: recorded as event after + 1, and now it stands elsewhere.
  const recordedAs = after + 1;
  if (recordedAs !== row.seq && hashAt(recordedAs) === row.hash) {
    if (recordedAs < row.seq) {
      const count = row.seq - recordedAs;
      return {
        seq: recordedAs,
        problem: 'inserted',
        why: `${count === 1 ? 'an event was' : `${count} events were`} put in at ${recordedAs}: the event recorded as ${recordedAs} now stands at ${row.seq}`,
      };
    }
    return { seq: row.seq, problem: 'reordered', why: `event ${row.seq} holds the event recorded as ${recordedAs}: events were reordered` };
  }
  return { seq: row.seq, problem: 'edited', why: `event ${row.seq} no longer matches its hash: it was changed after it was recorded` };
}

/** A checkpoint: the chain's head at some moment, kept outside the station (audit reports, the plant server). */
export interface Checkpoint {
  readonly seq: number;
  readonly hash: string;
}

/** A checkpoint against the log: null when the event it names carries its hash. */
export function judgeCheckpoint(checkpoint: Checkpoint, storedHash: string | undefined, lastSeq: number): ChainBreak | null {
  if (checkpoint.seq > lastSeq) {
    return {
      seq: lastSeq + 1,
      problem: 'truncated',
      why: `a checkpoint names event ${checkpoint.seq}, but the log ends at ${lastSeq}: events were removed from its end`,
    };
  }
  if (storedHash !== checkpoint.hash.toLowerCase()) {
    return {
      seq: checkpoint.seq,
      problem: 'rewritten',
      why: `event ${checkpoint.seq} does not carry the hash of the checkpoint taken then (${checkpoint.hash.slice(0, 12)}…): the chain was rewritten`,
    };
  }
  return null;
}

/** "seq:hash" (as an audit report prints it) → a checkpoint; null if it is not one. */
export function parseCheckpoint(text: string): Checkpoint | null {
  const m = /^\s*(\d+)\s*[:=]\s*([0-9a-fA-F]{64})\s*$/.exec(text);
  if (!m) return null;
  return { seq: Number(m[1]), hash: m[2]!.toLowerCase() };
}
