import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replicationLine } from './plant-link';

// What the command line says of the shipping to the plant, as it goes.
const status = { shipped: 100, head: 5_100, left: 5_000, ratePerSecond: 2_500, etaSeconds: 2, message: '', backlogSince: null };

test('catching up: what is left, the rate and the time to go; up to date: the head; offline or stopped: why', () => {
  assert.equal(replicationLine({ ...status, state: 'catching-up' }), 'plant: catching up, 5,000 events left at 2,500/s, about 2 s to go');
  assert.equal(replicationLine({ ...status, state: 'catching-up', etaSeconds: null }), 'plant: catching up, 5,000 events left at 2,500/s');
  assert.equal(replicationLine({ ...status, state: 'live', left: 0 }), 'plant: up to date (event 5100)');
  assert.equal(replicationLine({ ...status, state: 'offline', message: 'The plant\'s PostgreSQL cannot be reached (x)' }), 'plant: The plant\'s PostgreSQL cannot be reached (x)');
});
