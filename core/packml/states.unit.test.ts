import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PACKML_STATES, parsePackMLState, stateSeverity } from './states';

test('PackML states are matched by name, in any case and with a prefix, never by number', () => {
  assert.equal(parsePackMLState('Execute'), 'Execute');
  assert.equal(parsePackMLState(' HELD '), 'Held');
  assert.equal(parsePackMLState('PackML.Suspended'), 'Suspended');
  assert.equal(parsePackMLState('6'), undefined);
  assert.equal(parsePackMLState('Running'), undefined);
  assert.equal(PACKML_STATES.length, 17);
});

test('only abnormal states draw attention: running is not coloured, nor is a starved machine', () => {
  assert.equal(stateSeverity('Execute'), 'normal');
  assert.equal(stateSeverity('Suspended'), 'normal');
  assert.equal(stateSeverity('Held'), 'attention');
  assert.equal(stateSeverity('Stopped'), 'stopped');
  assert.equal(stateSeverity('Aborted'), 'fault');
  assert.equal(stateSeverity('Unknown'), 'stopped');
});
