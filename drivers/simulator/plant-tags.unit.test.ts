import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlantWalk } from './plant-tags';

test('the plant walk is the same for the same seed and moves every tag each step', () => {
  const a = new PlantWalk(1_000, 7);
  const b = new PlantWalk(1_000, 7);
  assert.deepEqual(a.values, b.values);
  const before = Float64Array.from(a.values);
  a.step();
  b.step();
  assert.deepEqual(a.values, b.values);
  assert.ok(a.values.every((v, i) => v !== before[i]), 'every tag changed');
  const steps = Array.from(a.values, (v, i) => v - (before[i] ?? 0));
  const sd = Math.sqrt(steps.reduce((s, x) => s + x * x, 0) / steps.length);
  assert.ok(sd > 0.9 && sd < 1.1, `one standard normal step (sd ${sd.toFixed(3)})`);
});

test('plant tag names sort in address order', () => {
  assert.equal(PlantWalk.tagName(0), 'T00000');
  assert.equal(PlantWalk.tagName(9_999), 'T09999');
});
