import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Operation, ProductDefinition } from '../material/model';
import { diffRevisions } from './diff';
import { dispositionOptions, dispositionRefusal, unitRouting } from './propagate';

const op = (seq: number, name: string, more: Partial<Operation> = {}): Operation => ({
  seq, name, workCenter: `WC${seq}`, standardCycleSeconds: 3, components: [], measurements: [], instruction: '', onFail: 'reject', ...more,
});
const B: ProductDefinition = {
  product: 'VLV-100', revision: 'B', description: '', tracking: 'serial',
  bom: [{ material: 'BONNET-25', revision: 'B', quantity: 1 }, { material: 'SCR-M8', revision: 'A', quantity: 4 }],
  routing: [
    op(10, 'Press'),
    op(20, 'Fit bonnet', { components: [{ material: 'BONNET-25', quantity: 1 }, { material: 'SCR-M8', quantity: 4 }] }),
    op(30, 'Leak test', { measurements: [{ name: 'Leak rate', unit: 'ml/min', low: 0, high: 1 }] }),
  ],
};
const C: ProductDefinition = {
  ...B,
  revision: 'C',
  bom: [{ material: 'BONNET-25', revision: 'C', quantity: 1 }, { material: 'SCR-M8', revision: 'A', quantity: 4 }, { material: 'GSK-10', revision: 'A', quantity: 1 }],
  routing: [
    op(10, 'Press', { instruction: 'Chamfer down.' }),
    op(20, 'Fit bonnet', { components: [{ material: 'BONNET-25', quantity: 1 }, { material: 'SCR-M8', quantity: 6 }, { material: 'GSK-10', quantity: 1 }] }),
    op(25, 'Deburr'),
    op(30, 'Leak test', { measurements: [{ name: 'Leak rate', unit: 'ml/min', low: 0, high: 0.5 }], onFail: 'rework', reworkTo: 20 }),
  ],
};

describe('the new revision as a unit follows it, each operation saying what changed', () => {
  const routing = unitRouting(C, { number: 'ECN-7', diff: diffRevisions(B, C) });
  const what = (seq: number) => routing.find((o) => o.seq === seq)?.changed?.what;
  test('every operation is built to the new revision, components with their BOM revision', () => {
    assert.deepEqual(routing.map((o) => o.revision), ['C', 'C', 'C', 'C']);
    assert.deepEqual(routing[1]?.components?.map((c) => `${c.material}/${c.revision}`), ['BONNET-25/C', 'SCR-M8/A', 'GSK-10/A']);
  });
  test('an instruction changed', () => assert.deepEqual(what(10), ['instruction changed']));
  test('a component added, a quantity changed, a component now of another revision', () =>
    assert.deepEqual(what(20), ['SCR-M8: quantity 4 → 6', 'new component: GSK-10 rev A × 1', 'BONNET-25: rev B → rev C']));
  test('an operation added', () => assert.deepEqual(what(25), ['new operation']));
  test('a check tightened and what a failed check leads to', () =>
    assert.deepEqual(what(30), ['check changed: Leak rate 0…1 ml/min → Leak rate 0…0.5 ml/min', 'a failed check now leads to rework at 20']));
  test('without a change: no marks, no revision of its own', () => assert.deepEqual(unitRouting(B).map((o) => [o.revision, o.changed]), [[undefined, undefined], [undefined, undefined], [undefined, undefined]]));
});

describe('dispositions open to a unit', () => {
  const needs = { kind: 'needs-disposition' as const, changedDone: [20], proposal: 'rework' as const, reworkFrom: 20, options: ['rework', 'accept-with-deviation', 'scrap'] as const };
  test('by where it stands; the first is what applies when nobody chose', () => {
    assert.deepEqual(dispositionOptions({ kind: 'continue-on-new', changedAhead: [30] }), ['continue']);
    assert.deepEqual(dispositionOptions({ kind: 'at-changed-operation', operation: 30, options: ['finish-as-started', 'restart-on-new'] }), ['finish-as-started', 'restart-on-new']);
    assert.deepEqual(dispositionOptions(needs), ['hold', 'rework', 'accept-with-deviation', 'scrap']);
    assert.deepEqual(dispositionOptions({ kind: 'unaffected' }), []);
  });
  test('once approved, holding a held unit again is no decision', () => {
    assert.equal(dispositionRefusal('ECN-7', 'U1', needs, { disposition: 'hold' }), null);
    assert.match(dispositionRefusal('ECN-7', 'U1', needs, { disposition: 'hold' }, true) ?? '', /rework, accept-with-deviation, scrap here, not hold/);
    assert.match(dispositionRefusal('ECN-7', 'U1', needs, { disposition: 'scrap', reason: '  ' }) ?? '', /a reason is required/);
  });
});
