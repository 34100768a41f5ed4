import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OrderView } from '../core';
import { applyQueueChanges } from '../renderer/orders/queue-changes';

const order = (number: string, sequence: number | null): OrderView => ({
  number, product: 'P', revision: 'A', quantity: 1, dueDate: '2026-12-01', priority: 5, status: sequence === null ? 'released' : 'dispatched',
  holdReason: null, sequence, unitsStarted: 0, unitsGood: 0, unitsScrapped: 0, eta: null, receivedAt: '2026-11-22T00:00:00Z',
  updatedAt: '2026-11-22T00:00:00Z', tracking: 'serial', hints: [],
});
const seq = (rows: readonly OrderView[]) => Object.fromEntries(rows.map((o) => [o.number, o.sequence]));
const board = [order('A', 1), order('B', 2), order('C', 3), order('D', 4), order('X', null)];

test('a move from the stream renumbers the board as the station does', () => {
  assert.deepEqual(seq(applyQueueChanges(board, [{ type: 'OrderMoved', number: 'D', from: 3, to: 1 }])), { A: 1, D: 2, B: 3, C: 4, X: null });
  assert.deepEqual(seq(applyQueueChanges(board, [{ type: 'OrderMoved', number: 'A', from: 0, to: 2 }])), { B: 1, C: 2, A: 3, D: 4, X: null });
});

test('an order dispatched joins at its position; a finished one leaves and closes the gap', () => {
  const rows = applyQueueChanges(board, [{ type: 'OrderQueued', number: 'X', position: 4 }, { type: 'OrderDequeued', number: 'B' }]);
  assert.deepEqual(seq(rows), { A: 1, B: null, C: 2, D: 3, X: 4 });
});
