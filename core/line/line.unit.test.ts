import { describe, test } from 'node:test';
import { specFor } from '../../tests/support/given-when-then';
import { LineSetup, lineDecider, type LineEvent } from './line';

const given = specFor(lineDecider);
const setup = LineSetup.parse({
  site: { id: 'P1', name: 'Plant 1' },
  area: { id: 'ASSY', name: 'Assembly' },
  line: {
    id: 'L2',
    name: 'Line 2',
    workCenters: [
      { id: 'WC10', name: 'Press', description: 'Press-fit the seat' },
      { id: 'WC20', name: 'Test', packml: { RUN: 'Execute', IDLE: 'Idle' } },
    ],
  },
});
const configured: LineEvent = { type: 'LineConfigured', data: { line: 'L2', before: null, after: setup } };
const without20 = { ...setup, line: { ...setup.line, workCenters: [setup.line.workCenters[0]!] } };

describe('line setup', () => {
  test('an engineer sets up a line: recorded with what it was before (nothing)', () =>
    given([]).when({ type: 'ConfigureLine', setup, inUse: {} }).then([configured]));
  test('a change records the line before and after', () =>
    given([configured]).when({ type: 'ConfigureLine', setup: without20, inUse: { WC10: ['unit U1'] } }).then([
      { type: 'LineConfigured', data: { line: 'L2', before: setup, after: without20 } },
    ]));
  test('the same setup again changes nothing', () => given([configured]).when({ type: 'ConfigureLine', setup, inUse: {} }).then([]));
  test('a work center that units or orders still use is not removed, and the refusal says which', () =>
    given([configured])
      .when({ type: 'ConfigureLine', setup: without20, inUse: { WC20: ['unit PO-1-0001 at operation 20', 'order PO-2 (routing)'] } })
      .thenRefused('conflict', 'WC20 \\(unit PO-1-0001 at operation 20, order PO-2 \\(routing\\)\\)'));
  test('a line keeps its id', () =>
    given([configured]).when({ type: 'ConfigureLine', setup: { ...setup, line: { ...setup.line, id: 'L3' } }, inUse: {} }).thenRefused('validation_failed', 'keeps its id'));
});
