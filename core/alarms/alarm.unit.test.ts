import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { specFor } from '../../tests/support/given-when-then';
import { alarmDecider, type AlarmEvent } from './alarm';
import { AlarmDefinition, conditionActive } from './model';

const given = specFor(alarmDecider);
const raised: AlarmEvent = { type: 'AlarmRaised', data: { id: 'A1', value: 9.1, priority: 'high', message: 'Torque high', shelved: false } };
const evaluate = (active: boolean, value: unknown) => ({ type: 'Evaluate' as const, id: 'A1', active, value, priority: 'high' as const, message: 'Torque high' });

describe('ISA-18.2 alarm', () => {
  test('normal → unacknowledged active when the condition appears', () => given([]).when(evaluate(true, 9.1)).then([raised]));
  test('no repeat while the condition stays', () => given([raised]).when(evaluate(true, 9.3)).then([]));
  test('returns unacknowledged when the condition clears', () =>
    given([raised]).when(evaluate(false, 8)).then([{ type: 'AlarmReturned', data: { id: 'A1', value: 8 } }]));
  test('acknowledge records who', () =>
    given([raised]).when({ type: 'Acknowledge', id: 'A1', by: 'lead' }).then([{ type: 'AlarmAcknowledged', data: { id: 'A1', by: 'lead', comment: '' } }]));
  test('acknowledging twice is refused', () =>
    given([raised, { type: 'AlarmAcknowledged', data: { id: 'A1', by: 'x', comment: '' } }]).when({ type: 'Acknowledge', id: 'A1', by: 'lead' }).thenRefused('invalid_transition'));
  test('shelve needs a reason and a future expiry within a shift', () => {
    given([raised]).when({ type: 'Shelve', id: 'A1', by: 'lead', until: '2026-11-21T07:00:00.000Z', reason: '' }).thenRefused('validation_failed', 'reason');
    given([raised]).when({ type: 'Shelve', id: 'A1', by: 'lead', until: '2026-11-21T05:00:00.000Z', reason: 'x' }).thenRefused('validation_failed', 'future');
    given([raised]).when({ type: 'Shelve', id: 'A1', by: 'lead', until: '2026-11-22T06:00:00.000Z', reason: 'x' }).thenRefused('validation_failed', '12 hours');
    given([raised])
      .when({ type: 'Shelve', id: 'A1', by: 'lead', until: '2026-11-21T07:00:00.000Z', reason: 'sensor being replaced' })
      .then([{ type: 'AlarmShelved', data: { id: 'A1', by: 'lead', until: '2026-11-21T07:00:00.000Z', reason: 'sensor being replaced' } }]);
  });
  test('a shelve expires by itself once its time has passed', () => {
    const shelved: AlarmEvent = { type: 'AlarmShelved', data: { id: 'A1', by: 'lead', until: '2026-11-21T05:59:00.000Z', reason: 'x' } };
    given([raised, shelved]).when({ type: 'ExpireShelve', id: 'A1' }).then([{ type: 'AlarmUnshelved', data: { id: 'A1', by: 'system', expired: true } }]);
  });
  test('an alarm raised while shelved says so', () =>
    given([{ type: 'AlarmShelved', data: { id: 'A1', by: 'lead', until: '2026-11-21T07:00:00.000Z', reason: 'x' } }])
      .when(evaluate(true, 9.5))
      .then([{ type: 'AlarmRaised', data: { ...raised.data, value: 9.5, shelved: true } }]));
});

describe('alarm conditions', () => {
  const high = AlarmDefinition.parse({ id: 'T', tag: { connection: 'c', address: 'a' }, priority: 'high', message: 'm', kind: 'high', limit: 10, deadband: 0.5 });
  test('a high limit with deadband does not chatter', () => {
    assert.equal(conditionActive(high, 10.1, false), true);
    assert.equal(conditionActive(high, 9.8, true), true, 'inside the deadband it stays active');
    assert.equal(conditionActive(high, 9.4, true), false);
    assert.equal(conditionActive(high, 'garbage', true), true, 'a non-number keeps the last verdict');
  });
  test('a discrete alarm on a bit', () => {
    const bit = AlarmDefinition.parse({ id: 'B', tag: { connection: 'c', address: 'a' }, priority: 'urgent', message: 'E-stop', kind: 'discrete' });
    assert.equal(conditionActive(bit, true, false), true);
    assert.equal(conditionActive(bit, false, true), false);
  });
});
