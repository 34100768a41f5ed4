import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TagCache } from './tag-cache';

const a = { connection: 'plc', address: 'A' };
const good = (value: number) => ({ value, quality: 'good' as const, sourceTime: '2026-11-21T06:00:00.000Z' });

test('the live model keeps the last value and tells who listens', () => {
  const cache = new TagCache();
  const heard: number[] = [];
  const off = cache.listen(a, (_r, v) => heard.push(Number(v.value)));
  cache.set(a, good(1));
  cache.set({ connection: 'plc', address: 'A' }, good(2));
  off();
  cache.set(a, good(3));
  assert.deepEqual(heard, [1, 2]);
  assert.equal(cache.get(a)?.value, 3);
  assert.equal(cache.size, 1);
});

test('a lost connection makes its values bad, keeping them; forgetting empties them', () => {
  const cache = new TagCache();
  cache.set(a, good(7));
  cache.set({ connection: 'other', address: 'B' }, good(8));
  cache.markConnectionBad('plc');
  assert.deepEqual(cache.get(a), { ...good(7), quality: 'bad' });
  assert.equal(cache.get({ connection: 'other', address: 'B' })?.quality, 'good');
  cache.forget('plc');
  assert.equal(cache.get(a), undefined);
  assert.equal(cache.size, 1);
});
