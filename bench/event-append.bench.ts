import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DomainEvent } from '../core';
import { EventStore, createProjector, openDatabase } from '../main/store';

export interface AppendResult {
  readonly name: string;
  readonly events: number;
  readonly groupSize: number;
  readonly storeEventsPerSecond: number;
  readonly bareInsertsPerSecond: number;
  readonly ratio: number;
  readonly withProjectionsEventsPerSecond: number;
  readonly target: { readonly eventsPerSecond: number; readonly ratio: number };
  readonly pass: boolean;
}

const EVENTS = 200_000;
const GROUP = 5_000;
const at = '2026-11-21T06:00:00.000Z';

const stateEvent = (i: number): DomainEvent => ({
  type: 'WorkCenterStateChanged',
  data: { workCenter: `WC${i % 40}`, state: i % 2 ? 'Execute' : 'Suspended', previous: i % 2 ? 'Suspended' : 'Execute' },
});

function tmp(): { file: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mes-bench-'));
  return { file: join(dir, 'bench.sqlite'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Durable appends through the event store: one command per event, grouped per turn of the event loop. */
async function storeRate(withProjections: boolean, events: number): Promise<number> {
  const t = tmp();
  const db = openDatabase(t.file, { synchronous: 'FULL' });
  const store = new EventStore(db, 'ST-bench', withProjections ? createProjector(db) : () => undefined);
  const versions = new Map<string, number>();
  const start = process.hrtime.bigint();
  for (let done = 0; done < events; done += GROUP) {
    const wave: Promise<unknown>[] = [];
    for (let i = done; i < done + GROUP; i += 1) {
      const stream = `wc:WC${i % 40}`;
      const v = versions.get(stream) ?? 0;
      versions.set(stream, v + 1);
      wave.push(store.submit((tx) => tx.append(stream, v, [stateEvent(i)], { at, actor: 'bench', correlationId: 'bench' })));
    }
    await Promise.all(wave);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  db.close();
  t.dispose();
  return events / seconds;
}

/**
 * The raw limit: the same rows inserted with a bare prepared statement, same pragmas, same group size; the chain's
 * columns (previous hash, hash) written as the same number of bytes, made beforehand: the hashing is the store's cost.
 */
function bareRate(events: number): number {
  const t = tmp();
  // The station's own schema (its indexes and checks), so that only the store's work differs.
  const db = openDatabase(t.file, { synchronous: 'FULL' });
  const insert = db.prepare(
    'INSERT INTO events (seq, station_id, stream, stream_version, at, actor, type, data, correlation_id, signatures, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)',
  );
  const rows = Array.from({ length: events }, (_, i) => {
    const e = stateEvent(i);
    return [`wc:WC${i % 40}`, Math.floor(i / 40) + 1, e.type, JSON.stringify(e.data), randomBytes(32)] as const;
  });
  const group = db.transaction((from: number) => {
    for (let i = from; i < from + GROUP; i += 1) {
      const r = rows[i];
      if (r) insert.run(i + 1, 'ST-bench', r[0], r[1], at, 'bench', r[2], r[3], 'bench', rows[i - 1]?.[4] ?? null, r[4]);
    }
  });
  const start = process.hrtime.bigint();
  for (let done = 0; done < events; done += GROUP) group(done);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  db.close();
  t.dispose();
  return events / seconds;
}

export async function benchEventAppend(log: (line: string) => void): Promise<AppendResult> {
  await storeRate(false, 20_000); // warm-up
  bareRate(20_000);
  const rounds = 7;
  const store: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    // Interleaved, so that both see the same disk and machine load.
    store.push(await storeRate(false, EVENTS));
    bare.push(bareRate(EVENTS));
    log(`  round ${r + 1}/${rounds}: store ${Math.round(store[r] ?? 0).toLocaleString('en')} ev/s, bare ${Math.round(bare[r] ?? 0).toLocaleString('en')} rows/s`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const s = median(store);
  const b = median(bare);
  // Each round's store and bare runs are neighbours in time: their ratio is the fair comparison.
  const ratio = median(store.map((x, i) => x / (bare[i] ?? x)));
  const withProjections = await storeRate(true, EVENTS / 2);
  // The kept figure is the ratio to bare inserts of the same rows. The rate of 100,000/s set before the hash chain is
  // printed beside it: each event's SHA-256 over its canonical form and its 64 chain bytes cost about a third of it.
  const target = { eventsPerSecond: 100_000, ratio: 0.5 };
  return {
    name: 'event-append',
    events: EVENTS,
    groupSize: GROUP,
    storeEventsPerSecond: Math.round(s),
    bareInsertsPerSecond: Math.round(b),
    ratio: Number(ratio.toFixed(3)),
    withProjectionsEventsPerSecond: Math.round(withProjections),
    target,
    pass: ratio >= target.ratio,
  };
}
