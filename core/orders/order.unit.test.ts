import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { specFor } from '../../tests/support/given-when-then';
import { orderDecider, type OrderEvent, type OrderHeader } from './order';

const header: OrderHeader = { number: 'PO-1', product: 'VLV-100', revision: 'B', quantity: 3, dueDate: '2026-11-30', priority: 5 };
const given = specFor(orderDecider);
const received: OrderEvent = { type: 'OrderReceived', data: header };
const released: OrderEvent = { type: 'OrderReleased', data: { number: 'PO-1' } };
const dispatched: OrderEvent = { type: 'OrderDispatched', data: { number: 'PO-1', line: 'L1' } };
const started: OrderEvent = { type: 'OrderStarted', data: { number: 'PO-1' } };
const none = { started: 0, good: 0, scrapped: 0 };
const product = { defined: true as const, tracking: 'serial' as const };
const noStock = { bom: [], ahead: [] };

describe('production order', () => {
  test('a new order is received', () => given([]).when({ type: 'ReceiveOrder', header, product }).then([received]));
  test('the same order number twice is refused', () =>
    given([received]).when({ type: 'ReceiveOrder', header, product }).thenRefused('duplicate', 'already exists'));
  test('received → released → dispatched', () => {
    given([received]).when({ type: 'ReleaseOrder' }).then([released]);
    given([received, released]).when({ type: 'DispatchOrder', line: 'L1', material: noStock, counts: none }).then([dispatched]);
  });
  test('dispatch before release is refused and says what is allowed', () =>
    given([received]).when({ type: 'DispatchOrder', line: 'L1', material: noStock, counts: none }).thenRefused('invalid_transition', 'only an order that is released'));
  test('an unknown order cannot be released', () => given([]).when({ type: 'ReleaseOrder' }).thenRefused('not_found'));
  test('the first unit started puts the order in progress', () =>
    given([received, released, dispatched]).when({ type: 'StartUnit', counts: none }).then([started]));
  test('no more units start than the quantity needs', () =>
    given([received, released, dispatched, started])
      .when({ type: 'StartUnit', counts: { started: 3, good: 1, scrapped: 0 } })
      .thenRefused('quantity_reached'));
  test('a scrapped unit makes room for one more', () =>
    given([received, released, dispatched, started]).when({ type: 'StartUnit', counts: { started: 3, good: 1, scrapped: 1 } }).then([]));
  test('hold needs a reason and remembers where it was', () => {
    given([received, released]).when({ type: 'HoldOrder', reason: ' ' }).thenRefused('validation_failed');
    const held = given([received, released, dispatched, started]).when({ type: 'HoldOrder', reason: 'torque tool calibration' });
    held.then([{ type: 'OrderHeld', data: { number: 'PO-1', reason: 'torque tool calibration', from: 'in_progress' } }]);
    const state = held.state();
    assert.ok(state.exists && state.status === 'held');
  });
  test('resume returns to the status before the hold', () =>
    given([received, released, { type: 'OrderHeld', data: { number: 'PO-1', reason: 'x', from: 'released' } }])
      .when({ type: 'ResumeOrder' })
      .then([{ type: 'OrderResumed', data: { number: 'PO-1', to: 'released' } }]));
  test('a held order starts no unit', () =>
    given([received, released, dispatched, { type: 'OrderHeld', data: { number: 'PO-1', reason: 'x', from: 'dispatched' } }])
      .when({ type: 'StartUnit', counts: none })
      .thenRefused('order_held'));
  test('the order completes when the good quantity is reached and nothing is left on the line', () => {
    given([received, released, dispatched, started]).when({ type: 'RecordUnitOutcome', counts: { started: 4, good: 3, scrapped: 1 } }).then([
      { type: 'OrderCompleted', data: { number: 'PO-1', good: 3, scrapped: 1 } },
    ]);
    given([received, released, dispatched, started]).when({ type: 'RecordUnitOutcome', counts: { started: 3, good: 2, scrapped: 0 } }).then([]);
  });
  test('an order with units on the line cannot be cancelled', () =>
    given([received, released, dispatched, started])
      .when({ type: 'CancelOrder', reason: 'ERP cancelled', counts: { started: 2, good: 1, scrapped: 0 } })
      .thenRefused('invalid_transition', 'on the line'));
  test('a completed order cannot be held', () =>
    given([received, released, dispatched, started, { type: 'OrderCompleted', data: { number: 'PO-1', good: 3, scrapped: 0 } }])
      .when({ type: 'HoldOrder', reason: 'x' })
      .thenRefused('invalid_transition', 'completed'));
});

describe('splitting an order', () => {
  test('part of the quantity goes to a new order; the order keeps the rest', () =>
    given([received, released, dispatched, started])
      .when({ type: 'SplitOrder', quantity: 1, counts: { started: 1, good: 1, scrapped: 0 }, taken: [] })
      .then([{ type: 'OrderSplit', data: { number: 'PO-1', splitInto: 'PO-1.1', moved: 1, quantity: 2 } }]));
  test('units built or on the line cannot be split off, and the order keeps at least one', () => {
    given([received, released, dispatched, started])
      .when({ type: 'SplitOrder', quantity: 2, counts: { started: 2, good: 1, scrapped: 0 }, taken: [] })
      .thenRefused('validation_failed', 'at most 1 unit');
    given([received]).when({ type: 'SplitOrder', quantity: 3, counts: none, taken: [] }).thenRefused('validation_failed', 'at most 2');
  });
  test('a split takes the first number of the form <order>.<n> not yet taken', () =>
    given([received, released])
      .when({ type: 'SplitOrder', quantity: 1, counts: none, taken: ['PO-1.1', 'PO-1.3'] })
      .then([{ type: 'OrderSplit', data: { number: 'PO-1', splitInto: 'PO-1.2', moved: 1, quantity: 2 } }]));
  test('a completed order is not split', () =>
    given([received, released, dispatched, started, { type: 'OrderCompleted', data: { number: 'PO-1', good: 3, scrapped: 0 } }])
      .when({ type: 'SplitOrder', quantity: 1, counts: { started: 3, good: 3, scrapped: 0 }, taken: [] })
      .thenRefused('invalid_transition'));
});

describe('lot-based order: quantities per operation', () => {
  const lotHeader: OrderHeader = { ...header, number: 'PO-L', quantity: 10, tracking: 'lot' };
  const routing = [{ seq: 10, workCenter: 'WC10' }, { seq: 20, workCenter: 'WC20' }];
  const history: OrderEvent[] = [
    { type: 'OrderReceived', data: lotHeader },
    { type: 'OrderReleased', data: { number: 'PO-L' } },
    { type: 'OrderDispatched', data: { number: 'PO-L', line: 'L1' } },
  ];
  const reported = (operation: number, good: number, scrapped: number, first: boolean, last: boolean, reason?: string): OrderEvent => ({
    type: 'OperationQuantityReported',
    data: { number: 'PO-L', operation, workCenter: `WC${operation}`, good, scrapped, ...(reason ? { reason } : {}), first, last, consumed: [] },
  });
  const report = (operation: number, good: number, scrapped = 0, reason?: string) =>
    ({ type: 'ReportQuantity', operation, workCenter: `WC${operation}`, good, scrapped, ...(reason ? { reason } : {}), routing }) as const;

  test('the first report starts the order; part of the lot passes on', () =>
    given(history).when(report(10, 4)).then([{ type: 'OrderStarted', data: { number: 'PO-L' } }, reported(10, 4, 0, true, false)]));
  test('an operation cannot report more than was passed on to it', () =>
    given([...history, reported(10, 4, 0, true, false)]).when(report(20, 5)).thenRefused('quantity_reached', 'Operation 20 has 4 to do'));
  test('scrap needs a reason', () => given(history).when(report(10, 3, 1)).thenRefused('validation_failed', 'reason'));
  test('the order completes when nothing is left at any operation', () =>
    given([...history, { type: 'OrderStarted', data: { number: 'PO-L' } }, reported(10, 9, 1, true, false, 'cut'), reported(20, 5, 0, false, true)])
      .when(report(20, 4))
      .then([reported(20, 4, 0, false, true), { type: 'OrderCompleted', data: { number: 'PO-L', good: 9, scrapped: 1 } }]));
  test('a serialized order takes no quantities', () =>
    given([received, released, dispatched]).when({ ...report(10, 1) }).thenRefused('invalid_transition', 'serialized units'));
});

describe('receiving an order from ERP', () => {
  test('an order for a product revision not defined here is refused, naming the ones that are', () =>
    given([])
      .when({ type: 'ReceiveOrder', header, product: { defined: false, known: ['VLV-100 rev A'] } })
      .thenRefused('validation_failed', 'VLV-100 revision B is not defined on this station. Known: VLV-100 rev A'));
  test('a lot-tracked product makes a lot order', () =>
    given([]).when({ type: 'ReceiveOrder', header, product: { defined: true, tracking: 'lot' } }).then([{ type: 'OrderReceived', data: { ...header, tracking: 'lot' } }]));
  test('an ERP message sent again changes nothing; the same number with other content is refused', () => {
    given([received]).when({ type: 'ReceiveOrder', header, product, idempotent: true }).then([]);
    given([received])
      .when({ type: 'ReceiveOrder', header: { ...header, quantity: 4 }, product, idempotent: true })
      .thenRefused('duplicate', 'already on this station with other content \\(VLV-100 rev B, 3 units');
  });
});

describe('dispatching against material on hand', () => {
  const bom = [{ material: 'SEAT-25', revision: 'A', perUnit: 2, onHand: 10 }, { material: 'LABEL', revision: 'A', perUnit: 1 }];
  test('an order whose material is on hand, after the orders ahead of it, is dispatched', () =>
    given([received, released])
      .when({ type: 'DispatchOrder', line: 'L1', counts: none, material: { bom, ahead: [{ number: 'PO-0', needs: [{ material: 'SEAT-25', revision: 'A', quantity: 4 }] }] } })
      .then([dispatched]));
  test('an order short of material is refused, saying what is short and who it is planned for', () =>
    given([received, released])
      .when({ type: 'DispatchOrder', line: 'L1', counts: none, material: { bom, ahead: [{ number: 'PO-0', needs: [{ material: 'SEAT-25', revision: 'A', quantity: 5 }] }] } })
      .thenRefused('material_short', 'SEAT-25 rev A: needs 6, 10 on hand, 5 of it planned for PO-0 ahead of it'));
  test('material whose stock is not tracked here does not hold a dispatch', () =>
    given([received, released]).when({ type: 'DispatchOrder', line: 'L1', counts: none, material: { bom: [bom[1]!], ahead: [] } }).then([dispatched]));
});

describe('lot-based order: material used', () => {
  const lotHeader: OrderHeader = { ...header, number: 'PO-M', quantity: 10, tracking: 'lot' };
  const history: OrderEvent[] = [
    { type: 'OrderReceived', data: lotHeader },
    { type: 'OrderReleased', data: { number: 'PO-M' } },
    { type: 'OrderDispatched', data: { number: 'PO-M', line: 'L1' } },
  ];
  test('a report says what its quantity used of each component (good and scrapped pieces alike)', () =>
    given(history)
      .when({
        type: 'ReportQuantity', operation: 10, workCenter: 'WC10', good: 3, scrapped: 1, reason: 'cracked',
        routing: [{ seq: 10, workCenter: 'WC10', components: [{ material: 'SEAT-25', revision: 'A', quantity: 2 }] }, { seq: 20, workCenter: 'WC20' }],
      })
      .then([
        { type: 'OrderStarted', data: { number: 'PO-M' } },
        {
          type: 'OperationQuantityReported',
          data: { number: 'PO-M', operation: 10, workCenter: 'WC10', good: 3, scrapped: 1, reason: 'cracked', first: true, last: false, consumed: [{ material: 'SEAT-25', revision: 'A', quantity: 8 }] },
        },
      ]));
});


describe('an engineering change moves an order to a new revision', () => {
  const change = { type: 'ChangeRevision' as const, to: 'C', change: 'ECN-41', counts: none };
  test('an order not started moves; its history keeps from and to', () => {
    const spec = given([received, released, dispatched]).when(change);
    spec.then([{ type: 'OrderRevisionChanged', data: { number: 'PO-1', from: 'B', to: 'C', change: 'ECN-41' } }]);
    const state = spec.state();
    assert.equal(state.exists && state.header.revision, 'C');
  });
  test('one with units started moves too: its units to start are built to the new revision, those started follow one by one', () =>
    given([received, released, dispatched, started])
      .when({ ...change, counts: { started: 1, good: 0, scrapped: 0 } })
      .then([{ type: 'OrderRevisionChanged', data: { number: 'PO-1', from: 'B', to: 'C', change: 'ECN-41', unitsStarted: 1 } }]));
  test('not a finished one', () => {
    given([received, { type: 'OrderCancelled', data: { number: 'PO-1', reason: 'x' } }]).when(change).thenRefused('invalid_transition');
  });
  test('already on it: nothing to record', () => given([received, { type: 'OrderRevisionChanged', data: { number: 'PO-1', from: 'B', to: 'C', change: 'ECN-40' } }]).when(change).then([]));
});
