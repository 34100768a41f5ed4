import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { specFor } from '../../tests/support/given-when-then';
import { supplyDecider, type ExpectedReceipt } from './receipt';
import { feedingSequence, materialLevels, shortagesOf, type PlannedOrder, type SupplyReceipt } from './shortages';

const given = specFor(supplyDecider);
const r: ExpectedReceipt = { id: '4500/10', material: 'BODY-25', revision: 'C', quantity: 100, expectedAt: '2026-12-08', supplier: 'Foundry' };
const expected = { type: 'ReceiptExpected' as const, data: r };
const expect = (receipt: ExpectedReceipt, materialDefined = true) => ({ type: 'ExpectReceipt' as const, receipt, materialDefined });

describe('expected receipts from ERP', () => {
  test('new: expected', () => given([]).when(expect(r)).then([expected]));
  test('the same again: nothing to record', () => given([expected]).when(expect({ ...r, expectedAt: '2026-12-08' })).then([]));
  test('a later date or a smaller quantity is a slip', () => {
    given([expected]).when(expect({ ...r, expectedAt: '2026-12-10' })).then([
      { type: 'ReceiptRevised', data: { id: '4500/10', material: 'BODY-25', revision: 'C', from: { quantity: 100, expectedAt: '2026-12-08' }, to: { quantity: 100, expectedAt: '2026-12-10' }, slip: true } },
    ]);
    given([expected]).when(expect({ ...r, quantity: 60 })).thenEventTypes(['ReceiptRevised']);
  });
  test('earlier or more is a change, not a slip', () => {
    const spec = given([expected]).when(expect({ ...r, expectedAt: '2026-12-07', quantity: 120 }));
    spec.thenEventTypes(['ReceiptRevised']);
    assert.equal(spec.state().receipt?.quantity, 120);
  });
  test('a material not defined here, or another material under the same receipt, is refused', () => {
    given([]).when(expect(r, false)).thenRefused('validation_failed', 'BODY-25 revision C is not defined');
    given([expected]).when(expect({ ...r, material: 'SEAT-25' })).thenRefused('conflict', 'another material is another receipt');
  });
});

const H = 3_600_000;
const order = (number: string, hours: [number, number], needs: PlannedOrder['needs'], locked = false): PlannedOrder => ({ number, startAt: hours[0] * H, endAt: hours[1] * H, needs, locked });
const body = (quantity: number) => [{ material: 'BODY-25', revision: 'C', quantity }];
const seat = (quantity: number) => [{ material: 'SEAT-25', revision: 'A', quantity }];
const stock = new Map([['BODY-25/C', 10], ['SEAT-25/A', 100]]);
const receipts: SupplyReceipt[] = [{ id: 'R1', material: 'BODY-25', revision: 'C', quantity: 20, at: 3 * H }];

describe('which orders run short, and when', () => {
  const list = [order('A', [0, 1], body(10)), order('B', [1, 2], body(10)), order('C', [2, 3], seat(10)), order('D', [3, 4], body(10))];
  test('stock first, then what the orders ahead take; a receipt counts from when it comes', () => {
    const s = shortagesOf(list, stock, receipts);
    assert.deepEqual(s.map((x) => [x.order, x.needed, x.available, x.at / H, x.coveredAt === null ? null : x.coveredAt / H, x.coveredBy]), [['B', 10, 0, 1, 3, ['R1']]]);
  });
  test('a receipt that slips past an order\'s start makes it short; one that never covers it says so', () => {
    const late = shortagesOf(list, stock, [{ ...receipts[0]!, at: 5 * H }]);
    assert.deepEqual(late.map((x) => [x.order, x.coveredAt === null ? null : x.coveredAt / H]), [['B', 5], ['D', 5]]);
    const smaller = shortagesOf(list, stock, [{ ...receipts[0]!, quantity: 5 }]);
    assert.deepEqual(smaller.map((x) => [x.order, x.coveredAt]), [['B', null], ['D', null]]);
  });
  test('a material nobody counts or expects is not judged', () => assert.deepEqual(shortagesOf([order('X', [0, 1], [{ material: 'GLUE', revision: 'A', quantity: 5 }])], stock, []), []));
  test('an alternate the BOM names, with enough there, is proposed', () => {
    const alt = new Map([...stock, ['BODY-25/D', 15]]);
    const s = shortagesOf([order('A', [0, 1], body(10)), order('B', [1, 2], [{ ...body(10)[0]!, alternates: [{ material: 'BODY-25', revision: 'D' }] }])], alt, []);
    assert.deepEqual(s[0]?.alternates, [{ material: 'BODY-25', revision: 'D', available: 15 }]);
  });
});

describe('a sequence that keeps the line fed', () => {
  test('an order that does not need the late material is pulled forward; the short one follows its receipt', () =>
    assert.deepEqual(
      feedingSequence([order('A', [0, 1], body(10)), order('B', [1, 2], body(10)), order('C', [2, 3], seat(10)), order('D', [3, 4], seat(10))], stock, receipts, 0),
      ['A', 'C', 'D', 'B'],
    ));
  test('orders with units on the line keep their places; none passes them', () =>
    assert.deepEqual(
      feedingSequence([order('A', [0, 1], body(10)), order('B', [1, 2], body(10), true), order('C', [2, 3], seat(10))], stock, receipts, 0),
      ['A', 'B', 'C'],
    ));
  test('when nothing can start, the order whose material comes first; fed already, nothing moves', () => {
    const two = [...receipts, { id: 'R2', material: 'BODY-25', revision: 'C', quantity: 20, at: 6 * H }];
    assert.deepEqual(feedingSequence([order('A', [0, 1], body(40)), order('B', [1, 2], body(20))], stock, two, 0), ['B', 'A']);
    assert.deepEqual(feedingSequence([order('A', [0, 1], body(5)), order('C', [1, 2], seat(5))], stock, receipts, 0), ['A', 'C']);
  });
});

describe('a material\'s level over the plan', () => {
  test('down as each order starts, up as each receipt comes; below zero where orders run short', () => {
    const list = [order('A', [0, 1], body(10)), order('B', [1, 2], body(10)), order('C', [2, 3], seat(10)), order('D', [3, 4], body(10))];
    assert.deepEqual(
      materialLevels('BODY-25', 'C', list, stock, receipts, 0).map((x) => [x.by, x.at / H, x.level]),
      [['on hand', 0, 10], ['A', 0, 0], ['B', 1, -10], ['R1', 3, 10], ['D', 3, 0]],
    );
  });
});
