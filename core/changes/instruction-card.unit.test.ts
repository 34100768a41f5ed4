import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Operation, ProductDefinition } from '../material/model';
import { diffRevisions } from './diff';
import { instructionCards } from './instruction-card';

const op = (seq: number, name: string, more: Partial<Operation> = {}): Operation => ({
  seq, name, workCenter: `WC${seq}`, standardCycleSeconds: 3, components: [], measurements: [], instruction: '', onFail: 'reject', ...more,
});
const B: ProductDefinition = {
  product: 'VLV-100', revision: 'B', description: '', tracking: 'serial',
  bom: [{ material: 'SCR-M8', revision: 'A', quantity: 4 }],
  routing: [
    op(20, 'Fit bonnet', { components: [{ material: 'SCR-M8', quantity: 4 }], instruction: 'Cross pattern.' }),
    op(30, 'Leak test', { measurements: [{ name: 'Leak rate', unit: 'ml/min', low: 0, high: 1 }], onFail: 'rework', reworkTo: 20 }),
  ],
};

test('each operation\'s card comes from the model: components with part and revision, checks with limits, the text, a failed check', () => {
  const [fit, leak] = instructionCards(B, { describe: (m, r) => `${m}/${r} described` });
  assert.deepEqual(fit?.components, [{ material: 'SCR-M8', revision: 'A', quantity: 4, description: 'SCR-M8/A described' }]);
  assert.equal(fit?.instruction, 'Cross pattern.');
  assert.equal(fit?.onFail, 'no checks here');
  assert.deepEqual(leak?.checks, [{ name: 'Leak rate', unit: 'ml/min', low: 0, high: 1 }]);
  assert.equal(leak?.onFail, 'out of limits: back to operation 20 for rework');
  assert.equal(fit?.changed, null);
});

test('a change regenerates the cards, each saying what it altered there; an untouched card is not marked', () => {
  const C: ProductDefinition = { ...B, revision: 'C', routing: B.routing.map((o) => (o.seq === 30 ? { ...o, measurements: [{ ...o.measurements[0]!, high: 0.5 }] } : o)) };
  const cards = instructionCards(C, { change: { number: 'ECN-7', diff: diffRevisions(B, C) } });
  assert.deepEqual(cards.map((c) => [c.operation, c.revision, c.changed]), [
    [20, 'C', null],
    [30, 'C', { change: 'ECN-7', from: 'B', what: ['check changed: Leak rate 0…1 ml/min → Leak rate 0…0.5 ml/min'] }],
  ]);
  assert.deepEqual(cards[1]?.checks.map((c) => c.high), [0.5]);
});
