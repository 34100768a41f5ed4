import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from '../store';
import { fixedClock } from '../../tests/support/station-fixtures';
import { Historian } from './historian';
import { silentLog } from './log';
import { TagCache } from './tag-cache';

const ref = { connection: 'plc', address: 'Line.Temp' };

function setup(t: { after: (fn: () => void) => void }) {
  const db = openDatabase(':memory:');
  const clock = fixedClock('2026-11-21T06:00:00.000Z');
  const cache = new TagCache();
  const historian = new Historian(db, cache, clock, silentLog);
  historian.apply({ tags: [{ ...ref, deadband: 0.5 }], retentionDays: 1 });
  t.after(() => historian.dispose());
  return { db, clock, cache, historian };
}
const at = (s: number) => new Date(Date.parse('2026-11-21T06:00:00.000Z') + s * 1000).toISOString();

test('deadband compression keeps moves larger than the band and every quality change', (t) => {
  const { cache, clock, historian } = setup(t);
  const values = [20, 20.2, 20.4, 20.6, 20.7, 21.3, 21.3];
  values.forEach((v, i) => cache.set(ref, { value: v, quality: 'good', sourceTime: at(i) }));
  // A connection lost is stamped when the station noticed it, not with the last value's source time.
  clock.advance(7_000);
  cache.set(ref, { value: 21.3, quality: 'bad', sourceTime: at(6) });
  cache.set(ref, { value: 21.4, quality: 'good', sourceTime: at(8) });
  const points = historian.query(ref, Date.parse(at(-1)), Date.parse(at(10)), 1000);
  assert.deepEqual(
    points.map((p) => [p.value, p.quality]),
    [[20, 'good'], [20.6, 'good'], [21.3, 'good'], [21.3, 'bad'], [21.4, 'good']],
  );
  assert.equal(historian.skipped, 4);
});

test('a shift of one-second data is thinned to the points asked for, keeping the peaks', (t) => {
  const { cache, historian } = setup(t);
  for (let s = 0; s < 8 * 3600; s += 1) cache.set(ref, { value: s === 12_345 ? 999 : Math.sin(s / 600) * 10, quality: 'good', sourceTime: at(s) });
  const points = historian.query(ref, Date.parse(at(0)), Date.parse(at(8 * 3600)), 2000);
  assert.ok(points.length <= 2000 && points.length > 500, `${points.length} points`);
  assert.ok(points.some((p) => p.value === 999), 'the spike survives the thinning');
});

test('values older than the retention are removed', (t) => {
  const { db, cache, clock, historian } = setup(t);
  cache.set(ref, { value: 1, quality: 'good', sourceTime: at(0) });
  historian.flush();
  clock.advance(2 * 86_400_000);
  historian.apply({ tags: [{ ...ref, deadband: 0.5 }], retentionDays: 1 });
  historian.dispose();
  const fresh = new Historian(db, cache, clock, silentLog);
  t.after(() => fresh.dispose());
  fresh.apply({ tags: [], retentionDays: 1 });
  assert.equal(db.prepare('SELECT count(*) FROM history').pluck().get(), 0);
});
