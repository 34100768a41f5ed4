import { describe, test } from 'node:test';
import { specFor } from '../../tests/support/given-when-then';
import { queueDecider, type QueueEvent } from './dispatch-queue';

const given = specFor(queueDecider);
const q = (number: string, position: number): QueueEvent => ({ type: 'OrderQueued', data: { line: 'L1', number, position } });
const abc = [q('A', 0), q('B', 1), q('C', 2)];

describe('dispatch list', () => {
  test('a dispatched order joins the end of the list', () => given(abc).when({ type: 'Enqueue', line: 'L1', number: 'D' }).then([q('D', 3)]));
  test('an order moves up one place', () =>
    given(abc).when({ type: 'Move', line: 'L1', number: 'C', direction: 'up', inProgress: [] }).then([
      { type: 'OrderMoved', data: { line: 'L1', number: 'C', from: 2, to: 1 } },
    ]));
  test('nothing moves ahead of an order already on the line', () =>
    given(abc).when({ type: 'Move', line: 'L1', number: 'B', direction: 'up', inProgress: ['A'] }).thenRefused('sequence_locked', 'ahead of order A'));
  test('an order on the line keeps its place', () =>
    given(abc).when({ type: 'Move', line: 'L1', number: 'A', direction: 'down', inProgress: ['A'] }).thenRefused('sequence_locked', 'keeps its place'));
  test('the first order cannot move further up', () =>
    given(abc).when({ type: 'Move', line: 'L1', number: 'A', direction: 'up', inProgress: [] }).thenRefused('sequence_locked', 'already first'));
  test('an order not in the list cannot move', () =>
    given(abc).when({ type: 'Move', line: 'L1', number: 'Z', direction: 'up', inProgress: [] }).thenRefused('not_found', 'dispatch it first'));
});

describe('dispatch list: dragging to a position', () => {
  test('an order dropped at the top moves there', () =>
    given(abc).when({ type: 'Move', line: 'L1', number: 'C', to: 0, inProgress: [] }).then([
      { type: 'OrderMoved', data: { line: 'L1', number: 'C', from: 2, to: 0 } },
    ]));
  test('dropping past an order already on the line is refused and names it', () =>
    given([...abc, q('D', 3)]).when({ type: 'Move', line: 'L1', number: 'D', to: 0, inProgress: ['B'] }).thenRefused('sequence_locked', 'ahead of order B'));
  test('dropped where it already is: nothing happens', () => given(abc).when({ type: 'Move', line: 'L1', number: 'B', to: 1, inProgress: [] }).then([]));
  test('a position outside the list is refused', () =>
    given(abc).when({ type: 'Move', line: 'L1', number: 'B', to: 7, inProgress: [] }).thenRefused('sequence_locked', 'position 8 of 3'));
});
