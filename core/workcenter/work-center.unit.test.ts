import { describe, test } from 'node:test';
import { specFor } from '../../tests/support/given-when-then';
import { workCenterDecider } from './work-center';

const given = specFor(workCenterDecider);

describe('work center machine state', () => {
  test('a PackML state is matched by name, whatever its case', () =>
    given([]).when({ type: 'RecordMachineState', workCenter: 'WC10', rawState: 'EXECUTE' }).then([
      { type: 'WorkCenterStateChanged', data: { workCenter: 'WC10', state: 'Execute', previous: null } },
    ]));
  test('the same state again is no event', () =>
    given([{ type: 'WorkCenterStateChanged', data: { workCenter: 'WC10', state: 'Idle', previous: null } }])
      .when({ type: 'RecordMachineState', workCenter: 'WC10', rawState: 'Idle' })
      .then([]));
  test('a name that is no PackML state is refused', () =>
    given([]).when({ type: 'RecordMachineState', workCenter: 'WC10', rawState: 'Running fast' }).thenRefused('unknown_state', 'not a PackML state'));
});
