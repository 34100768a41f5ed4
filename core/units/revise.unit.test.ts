import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { specFor } from '../../tests/support/given-when-then';
import { placeOnRevision } from './placement';
import { unitDecider, type UnitEvent, type UnitOperation } from './unit';

// An approved engineering change carried into a unit in work: where the disposition places it on the new routing,
// and what the unit refuses while it is held.

const op = (seq: number, more: Partial<UnitOperation> = {}): UnitOperation => ({ seq, name: `Op ${seq}`, workCenter: `WC${seq}`, measurements: [], ...more });
const B = [op(10), op(20), op(30), op(40)];
/** Rev C: 25 added; 30 with a tighter check. */
const C = [op(10, { revision: 'C' }), op(20, { revision: 'C' }), op(25, { revision: 'C' }), op(30, { revision: 'C', measurements: [{ name: 'Leak', unit: 'ml', low: 0, high: 0.5 }] }), op(40, { revision: 'C' })];
const at = (position: number, status: 'queued' | 'in_operation' = 'queued') => ({ operations: B, position, status, revision: 'B' });

describe('a unit placed on the new routing', () => {
  test('continue, queued: at the first operation after the last it did', () =>
    assert.deepEqual(placeOnRevision(at(1), C, 'continue'), { operations: C, position: 1, status: 'queued' }));
  test('continue, queued after 20: the added 25 is next', () => assert.equal(placeOnRevision(at(2), C, 'continue')?.position, 2));
  test('finish as started: the operation in work keeps its definition and revision, the rest is the new routing', () => {
    const p = placeOnRevision(at(2, 'in_operation'), C, 'finish-as-started');
    assert.equal(p?.status, 'in_operation');
    assert.deepEqual(p?.operations.map((o) => [o.seq, o.revision, o.measurements.length]), [[10, 'C', 0], [20, 'C', 0], [25, 'C', 0], [30, 'B', 0], [40, 'C', 0]]);
    assert.equal(p?.position, 3);
  });
  test('restart on the new revision: queued at the operation it was in, as the new revision has it; the attempt interrupted', () =>
    assert.deepEqual(placeOnRevision(at(2, 'in_operation'), C, 'restart-on-new'), { operations: C, position: 3, status: 'queued', interrupted: 30 }));
  test('rework: queued at the first changed operation it had done', () =>
    assert.deepEqual(placeOnRevision(at(3), C, 'rework', 25), { operations: C, position: 2, status: 'queued' }));
  test('rework from an operation the new revision removed: at the next one it has', () =>
    assert.equal(placeOnRevision(at(3), C.filter((o) => o.seq !== 20), 'rework', 20)?.position, 1));
  test('accept with a deviation: on from where it is, nothing done again', () => assert.equal(placeOnRevision(at(3), C, 'accept-with-deviation')?.position, 4));
  test('nothing left for it on the new routing: no placement', () => assert.equal(placeOnRevision(at(3), C.slice(0, 3), 'continue'), null));
});

const given = specFor(unitDecider);
const born: UnitEvent = { type: 'UnitStarted', data: { serial: 'S1', order: 'PO-1', product: 'P', revision: 'B', operations: B } };
const revise = (disposition: 'continue' | 'hold' | 'scrap' | 'accept-with-deviation' | 'finish-as-started', reason?: string) => ({
  type: 'ReviseUnit' as const, change: 'ECN-1', toRevision: 'C', routing: C, disposition, ...(reason ? { reason } : {}),
});

describe('a unit revised by a change', () => {
  test('continues on the new revision: the event says from, to, and where it stands', () =>
    given([born]).when(revise('continue')).then([
      { type: 'UnitRevised', data: { serial: 'S1', order: 'PO-1', change: 'ECN-1', fromRevision: 'B', toRevision: 'C', disposition: 'continue', operations: C, position: 0, status: 'queued' } },
    ]));
  test('its next arrival is built to the new revision', () => {
    const revised: UnitEvent = {
      type: 'UnitRevised',
      data: { serial: 'S1', order: 'PO-1', change: 'ECN-1', fromRevision: 'B', toRevision: 'C', disposition: 'continue', operations: C, position: 0, status: 'queued' },
    };
    given([born, revised]).when({ type: 'ArriveAt', workCenter: 'WC10' }).then([
      { type: 'UnitArrived', data: { serial: 'S1', operation: 10, workCenter: 'WC10', revision: 'C' } },
    ]);
  });
  test('held: no work on it until decided, but it may be scrapped', () => {
    const held: UnitEvent = { type: 'UnitHeld', data: { serial: 'S1', order: 'PO-1', change: 'ECN-1', reason: 'r' } };
    given([born, held]).when({ type: 'ArriveAt', workCenter: 'WC10' }).thenRefused('conflict', 'held for a disposition under change ECN-1');
    given([born, held]).when({ type: 'ConsumeLot', workCenter: 'WC10', material: 'X', revision: 'A', lot: 'L' }).thenRefused('conflict', 'held');
    given([born, held]).when({ type: 'ScrapUnit', reason: 'cracked' }).thenEventTypes(['UnitScrapped']);
    given([born, held]).when(revise('hold')).then([]);
  });
  test('a deviation and a scrap say why', () => {
    given([born]).when(revise('accept-with-deviation')).thenRefused('validation_failed', 'is a deviation: say why');
    given([born]).when(revise('scrap')).thenRefused('validation_failed', 'a reason is required');
    given([born]).when(revise('scrap', 'cracked')).then([{ type: 'UnitScrapped', data: { serial: 'S1', order: 'PO-1', operation: 10, reason: 'Change ECN-1: cracked', change: 'ECN-1' } }]);
  });
  test('finish as started only for a unit in an operation; a finished unit is not revised', () => {
    given([born]).when(revise('finish-as-started')).thenRefused('invalid_transition', 'not in an operation');
    given([born, { type: 'UnitScrapped', data: { serial: 'S1', order: 'PO-1', operation: 10, reason: 'x' } }]).when(revise('continue')).thenRefused('invalid_transition', 'already scrapped');
  });
});
