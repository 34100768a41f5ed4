import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Operation, ProductDefinition } from '../material/model';
import { diffRevisions } from './diff';
import { impactOf, touchedOperations, unitOutcome, type OpenOrder, type UnitInWork } from './impact';

const op = (seq: number, name: string, more: Partial<Operation> = {}): Operation => ({
  seq, name, workCenter: `WC${seq}`, standardCycleSeconds: 3, components: [], measurements: [], instruction: '', onFail: 'reject', ...more,
});
const B: ProductDefinition = {
  product: 'VLV-100',
  revision: 'B',
  description: '',
  tracking: 'serial',
  bom: [{ material: 'BODY-25', revision: 'C', quantity: 1 }, { material: 'SCR-M8', revision: 'A', quantity: 4 }],
  routing: [
    op(10, 'Press', { components: [{ material: 'BODY-25', quantity: 1 }] }),
    op(20, 'Fit bonnet', { components: [{ material: 'SCR-M8', quantity: 4 }] }),
    op(30, 'Leak test', { measurements: [{ name: 'Leak rate', unit: 'ml/min', low: 0, high: 1 }] }),
    op(40, 'Label'),
  ],
};
/** Rev C: the leak limit at 30 tightened. */
const tighter30 = diffRevisions(B, { ...B, revision: 'C', routing: B.routing.map((o) => (o.seq === 30 ? { ...o, measurements: [{ name: 'Leak rate', unit: 'ml/min', low: 0, high: 0.5 }] } : o)) });
const touched30 = touchedOperations(tighter30, B.routing);
const unit = (position: number, status: UnitInWork['status'] = 'queued', serial = 'U1', order = 'PO-1'): UnitInWork => ({ serial, order, status, position, operations: [10, 20, 30, 40] });

describe('a unit in progress against a changed operation', () => {
  test('the changed operation still ahead: it continues on the new revision', () =>
    assert.deepEqual(unitOutcome(unit(1), touched30), { kind: 'continue-on-new', changedAhead: [30] }));
  test('queued right before the changed operation: still ahead', () => assert.equal(unitOutcome(unit(2), touched30).kind, 'continue-on-new'));
  test('at the changed operation now: finish as started, or restart under the new revision', () =>
    assert.deepEqual(unitOutcome(unit(2, 'in_operation'), touched30), { kind: 'at-changed-operation', operation: 30, options: ['finish-as-started', 'restart-on-new'] }));
  test('past the changed operation: a disposition, proposed as rework from it', () =>
    assert.deepEqual(unitOutcome(unit(3), touched30), {
      kind: 'needs-disposition', changedDone: [30], proposal: 'rework', reworkFrom: 30, options: ['rework', 'accept-with-deviation', 'scrap'],
    }));
});

describe('which operations a change touches', () => {
  test('a BOM line whose revision changed touches the operations that consume it', () => {
    const d = diffRevisions(B, { ...B, revision: 'C', bom: B.bom.map((l) => (l.material === 'SCR-M8' ? { ...l, revision: 'B' } : l)) });
    assert.deepEqual(touchedOperations(d, B.routing), { old: [20], added: [] });
  });
  test('an operation added: ahead of a unit that has not reached it, missed by one that has passed where it goes', () => {
    const d = diffRevisions(B, { ...B, revision: 'C', routing: [...B.routing.slice(0, 2), op(25, 'Deburr'), ...B.routing.slice(2)] });
    const t = touchedOperations(d, B.routing);
    assert.deepEqual(t, { old: [], added: [25] });
    assert.deepEqual(unitOutcome(unit(1), t), { kind: 'continue-on-new', changedAhead: [25] });
    assert.equal(unitOutcome(unit(3), t).kind, 'needs-disposition');
  });
  test('an operation removed that a unit has done: it needs a disposition', () => {
    const d = diffRevisions(B, { ...B, revision: 'C', routing: B.routing.filter((o) => o.seq !== 20) });
    const t = touchedOperations(d, B.routing);
    assert.equal(unitOutcome(unit(3), t).kind, 'needs-disposition');
    assert.equal(unitOutcome(unit(0), t).kind, 'continue-on-new');
  });
});

describe('open orders and effectivity', () => {
  const orders: OpenOrder[] = [
    { number: 'PO-1', status: 'released', dueDate: '2026-12-10', receivedAt: '2026-12-01T06:00:00Z', quantity: 5, unitsStarted: 0 },
    { number: 'PO-2', status: 'in_progress', dueDate: '2026-12-12', receivedAt: '2026-12-02T06:00:00Z', quantity: 5, unitsStarted: 2 },
    { number: 'PO-3', status: 'in_progress', dueDate: '2026-12-20', receivedAt: '2026-12-03T06:00:00Z', quantity: 1, unitsStarted: 1 },
  ];
  const units = [unit(3, 'queued', 'PO-2-0001', 'PO-2'), unit(1, 'queued', 'PO-2-0002', 'PO-2'), unit(2, 'in_operation', 'PO-3-0001', 'PO-3')];
  const base = { diff: tighter30, oldRouting: B.routing, orders, units };

  test('all open work: orders not started move, started ones keep their units and build the rest new; each unit by where it is', () => {
    const i = impactOf({ ...base, effectivity: { kind: 'all-open' } });
    assert.deepEqual(i.orders.map((o) => [o.number, o.outcome]), [['PO-1', 'move-to-new-revision'], ['PO-2', 'remaining-units-on-new-revision'], ['PO-3', 'units-only']]);
    assert.deepEqual(i.units.map((u) => [u.serial, u.outcome.kind]), [['PO-2-0001', 'needs-disposition'], ['PO-2-0002', 'continue-on-new'], ['PO-3-0001', 'at-changed-operation']]);
    assert.deepEqual(i.summary.units, { 'continue-on-new': 1, 'needs-disposition': 1, 'at-changed-operation': 1, unaffected: 0, 'outside-effectivity': 0 });
  });
  test('new orders only: nothing open changes', () => {
    const i = impactOf({ ...base, effectivity: { kind: 'new-orders' } });
    assert.equal(i.summary.orders['outside-effectivity'], 3);
    assert.equal(i.summary.units['outside-effectivity'], 3);
  });
  test('from a date: orders due on or after it', () =>
    assert.deepEqual(impactOf({ ...base, effectivity: { kind: 'from-date', date: '2026-12-12' } }).orders.map((o) => o.outcome), ['outside-effectivity', 'remaining-units-on-new-revision', 'units-only']));
  test('from an order on: it and the orders received after it', () =>
    assert.deepEqual(
      impactOf({ ...base, effectivity: { kind: 'from-order', order: 'PO-2' }, orderReceivedAt: '2026-12-02T06:00:00Z' }).orders.map((o) => o.outcome),
      ['outside-effectivity', 'remaining-units-on-new-revision', 'units-only'],
    ));
  test('from a serial on: that unit and the later ones', () =>
    assert.deepEqual(impactOf({ ...base, effectivity: { kind: 'from-serial', serial: 'PO-2-0002' } }).units.map((u) => u.outcome.kind), ['outside-effectivity', 'continue-on-new', 'at-changed-operation']));
});

describe('every placement of a unit against every kind of change at operation 20', () => {
  // Kinds of change that touch operation 20 of B (10, 20, 30, 40).
  const at20 = (more: Partial<Operation>) => ({ ...B, revision: 'C', routing: B.routing.map((o) => (o.seq === 20 ? { ...o, ...more } : o)) });
  const kinds: [string, ProductDefinition][] = [
    ['a check added', at20({ measurements: [{ name: 'Torque', unit: 'N·m', low: 7, high: 9 }] })],
    ['a component added', at20({ components: [{ material: 'SCR-M8', quantity: 4 }, { material: 'BODY-25', quantity: 1 }] })],
    ['a quantity changed', at20({ components: [{ material: 'SCR-M8', quantity: 6 }] })],
    ['the instruction rewritten', at20({ instruction: 'Cross pattern, twice.' })],
    ['moved to another work center', at20({ workCenter: 'WC30' })],
    ['a new standard time', at20({ standardCycleSeconds: 5 })],
    ['what a failed check leads to', at20({ onFail: 'rework', reworkTo: 20 })],
    ['a BOM revision it uses', { ...B, revision: 'C', bom: B.bom.map((l) => (l.material === 'SCR-M8' ? { ...l, revision: 'B' } : l)) }],
    ['removed', { ...B, revision: 'C', routing: B.routing.filter((o) => o.seq !== 20) }],
  ];
  // Where the unit stands: before it (waiting at 10, in 10, waiting at 20), in it, past it (waiting at 30, in 30).
  const placements: [string, UnitInWork, string][] = [
    ['waiting at 10', unit(0), 'continue-on-new'],
    ['in operation 10', unit(0, 'in_operation'), 'continue-on-new'],
    ['waiting at 20', unit(1), 'continue-on-new'],
    ['in operation 20', unit(1, 'in_operation'), 'at-changed-operation'],
    ['waiting at 30', unit(2), 'needs-disposition'],
    ['in operation 30', unit(2, 'in_operation'), 'needs-disposition'],
  ];
  for (const [kind, C] of kinds) {
    test(kind, () => {
      const t = touchedOperations(diffRevisions(B, C), B.routing);
      assert.deepEqual(t.old, [20], `${kind} touches operation 20`);
      for (const [where, u, expected] of placements) assert.equal(unitOutcome(u, t).kind, expected, `${kind}, unit ${where}`);
    });
  }
  test('an operation added between 20 and 30: ahead of a unit before it, missed by one past it or already in 30', () => {
    const t = touchedOperations(diffRevisions(B, { ...B, revision: 'C', routing: [...B.routing.slice(0, 2), op(25, 'Deburr'), ...B.routing.slice(2)] }), B.routing);
    assert.deepEqual(
      placements.map(([where, u]) => `${where}: ${unitOutcome(u, t).kind}`),
      ['waiting at 10: continue-on-new', 'in operation 10: continue-on-new', 'waiting at 20: continue-on-new', 'in operation 20: continue-on-new', 'waiting at 30: continue-on-new', 'in operation 30: needs-disposition'],
    );
  });
});
