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

describe('production order', () => {
  test('a new order is received', () => given([]).when({ type: 'ReceiveOrder', header }).then([received]));
  test('the same order number twice is refused', () =>
    given([received]).when({ type: 'ReceiveOrder', header }).thenRefused('duplicate', 'already exists'));
  test('received → released → dispatched', () => {
    given([received]).when({ type: 'ReleaseOrder' }).then([released]);
    given([received, released]).when({ type: 'DispatchOrder', line: 'L1' }).then([dispatched]);
  });
  test('dispatch before release is refused and says what is allowed', () =>
    given([received]).when({ type: 'DispatchOrder', line: 'L1' }).thenRefused('invalid_transition', 'only an order that is released'));
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
      .when({ type: 'SplitOrder', splitInto: 'PO-1.1', quantity: 1, counts: { started: 1, good: 1, scrapped: 0 } })
      .then([{ type: 'OrderSplit', data: { number: 'PO-1', splitInto: 'PO-1.1', moved: 1, quantity: 2 } }]));
  test('units built or on the line cannot be split off, and the order keeps at least one', () => {
    given([received, released, dispatched, started])
      .when({ type: 'SplitOrder', splitInto: 'PO-1.1', quantity: 2, counts: { started: 2, good: 1, scrapped: 0 } })
      .thenRefused('validation_failed', 'at most 1 unit');
    given([received]).when({ type: 'SplitOrder', splitInto: 'PO-1.1', quantity: 3, counts: none }).thenRefused('validation_failed', 'at most 2');
  });
  test('a completed order is not split', () =>
    given([received, released, dispatched, started, { type: 'OrderCompleted', data: { number: 'PO-1', good: 3, scrapped: 0 } }])
      .when({ type: 'SplitOrder', splitInto: 'PO-1.1', quantity: 1, counts: { started: 3, good: 3, scrapped: 0 } })
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
    data: { number: 'PO-L', operation, workCenter: `WC${operation}`, good, scrapped, ...(reason ? { reason } : {}), first, last },
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
