import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineModel, type LineChange, type LineModelOptions } from './line-model';
import type { SimulatorProfile } from './profile';

// Two stations, no short stops, a buffer of one: small enough to reason about by hand.
const profile = (overrides: Partial<SimulatorProfile> = {}): SimulatorProfile => ({
  lineId: 'L1',
  bufferCapacity: 1,
  shortStopProbability: 0,
  shortStopSeconds: [1, 2],
  workCenters: [
    { id: 'WC10', plcFolder: 'WC10', cycleSeconds: 1, measurement: { name: 'Force', unit: 'kN', nominal: 10, sd: 0.1, low: 9, high: 11 } },
    { id: 'WC20', plcFolder: 'WC20', cycleSeconds: 2, measurement: { name: 'Torque', unit: 'N·m', nominal: 5, sd: 0.1, low: 4, high: 6 } },
  ],
  ...overrides,
});

const options: LineModelOptions = { seed: 42, speed: 1, handshakeMs: 100, cycleSpread: 0 };

/** Steps the model in 50 ms ticks until the predicate holds; returns every change seen on the way. */
function runUntil(model: LineModel, done: () => boolean, maxMs = 60_000): LineChange[] {
  const seen: LineChange[] = [];
  for (let t = model.snapshot().nowMs; !done(); ) {
    t += 50;
    if (t > maxMs) throw new Error('condition not reached in time');
    seen.push(...model.step(t));
  }
  return seen;
}

const wc = (model: LineModel, id: string) => {
  const found = model.snapshot().workCenters.find((w) => w.id === id);
  assert.ok(found, `no work center ${id}`);
  return found.values;
};

test('given an empty line, when nothing is written, then every station is Idle and no part is loaded', () => {
  const model = new LineModel(profile(), options);
  model.step(10_000);
  assert.deepEqual(model.snapshot().workCenters.map((w) => w.values.state), ['Idle', 'Idle']);
  assert.equal(model.stats().loaded, 0);
});

test('given a written NextSerial, the PLC takes the part and clears NextSerial to an empty string', () => {
  const model = new LineModel(profile(), options);
  model.step(0);
  model.writeNextSerial('SN-1');
  const early = model.step(50); // inside the handshake time: still visible for a read-back
  assert.equal(model.snapshot().nextSerial, 'SN-1');
  assert.ok(!early.some((c) => c.tag === 'nextSerial' && c.value === ''));
  const later = model.step(150);
  assert.equal(model.snapshot().nextSerial, '');
  assert.ok(later.some((c) => c.tag === 'nextSerial' && c.value === ''));
  assert.equal(wc(model, 'WC10').serial, 'SN-1');
  assert.equal(wc(model, 'WC10').state, 'Execute');
  assert.equal(wc(model, 'WC10').partPresent, true);
  assert.equal(wc(model, 'WC20').state, 'Suspended', 'starved: a part is upstream');
  assert.equal(model.stats().loaded, 1);
});

test('at cycle end LastSerial, LastResult and LastMeasurement are written before CycleCount moves', () => {
  const model = new LineModel(profile(), options);
  model.writeNextSerial('SN-1');
  const changes = runUntil(model, () => wc(model, 'WC10').cycleCount === 1).filter((c) => c.workCenterId === 'WC10');
  const at = (tag: string) => changes.findIndex((c) => c.tag === tag);
  assert.ok(at('cycleCount') > at('lastSerial') && at('lastSerial') >= 0);
  assert.ok(at('cycleCount') > at('lastResult') && at('lastResult') >= 0);
  assert.ok(at('cycleCount') > at('lastMeasurement') && at('lastMeasurement') >= 0);
  const values = wc(model, 'WC10');
  assert.equal(values.lastSerial, 'SN-1');
  assert.equal(values.lastResult, 'good');
  assert.equal(values.goodCount, 1);
  assert.equal(values.measurementName, 'Force');
});

test('a good part travels through every station and leaves the line after the last one', () => {
  const model = new LineModel(profile(), options);
  model.writeNextSerial('SN-1');
  runUntil(model, () => model.stats().completed === 1);
  assert.equal(wc(model, 'WC20').lastSerial, 'SN-1');
  assert.equal(wc(model, 'WC20').partPresent, false);
  assert.deepEqual(model.stats(), { loaded: 1, completed: 1, rejected: 0, inProcess: 0 });
  model.step(model.snapshot().nowMs + 50);
  assert.deepEqual(model.snapshot().workCenters.map((w) => w.values.state), ['Idle', 'Idle']);
});

test('a rejected part leaves the line at the station that rejected it', () => {
  const model = new LineModel(profile(), options);
  assert.equal(model.forceReject('WC10'), true);
  assert.equal(model.forceReject('nope'), false);
  model.writeNextSerial('SN-BAD');
  runUntil(model, () => wc(model, 'WC10').cycleCount === 1);
  const values = wc(model, 'WC10');
  assert.equal(values.lastResult, 'reject');
  assert.ok(values.lastMeasurement > 11, 'the measurement explains the reject');
  assert.equal(values.rejectCount, 1);
  assert.equal(values.partPresent, false);
  model.step(model.snapshot().nowMs + 5_000);
  assert.equal(wc(model, 'WC20').cycleCount, 0, 'the reject never reached WC20');
  assert.deepEqual(model.stats(), { loaded: 1, completed: 0, rejected: 1, inProcess: 0 });
});

test('a full buffer blocks the station upstream, which holds its finished part in Suspended', () => {
  // WC20 is slow (10 s), WC10 fast (1 s), one buffer place: parts pile up in front of WC20.
  const slow = profile();
  slow.workCenters[1] = { ...slow.workCenters[1]!, cycleSeconds: 10 };
  const model = new LineModel(slow, options);
  let next = 1;
  // Feed the line like the MES does: a new serial whenever the PLC has taken the previous one.
  const feed = () => {
    if (model.snapshot().nextSerial === '' && next <= 4) model.writeNextSerial(`SN-${next++}`);
  };
  runUntil(model, () => {
    feed();
    const [a, b] = model.snapshot().workCenters;
    return a!.values.state === 'Suspended' && a!.values.partPresent && b!.bufferedSerials.length === 1;
  });
  const [first, second] = model.snapshot().workCenters;
  assert.equal(second!.values.state, 'Execute');
  assert.equal(second!.values.serial, 'SN-1');
  assert.deepEqual(second!.bufferedSerials, ['SN-2']);
  assert.equal(first!.values.serial, 'SN-3', 'blocked, holding the finished part');
  assert.equal(first!.values.cycleCount, 3);
});

test('short stops pass through Holding, Held and Unholding and then finish the cycle', () => {
  const model = new LineModel(profile({ shortStopProbability: 1, shortStopSeconds: [2, 2] }), options);
  model.writeNextSerial('SN-1');
  const states = runUntil(model, () => wc(model, 'WC10').cycleCount === 1)
    .filter((c) => c.workCenterId === 'WC10' && c.tag === 'state')
    .map((c) => c.value);
  const holding = states.indexOf('Holding');
  assert.ok(holding > 0, `no short stop in ${states.join(' → ')}`);
  assert.deepEqual(states.slice(holding - 1, holding + 4), ['Execute', 'Holding', 'Held', 'Unholding', 'Execute']);
});

test('the same seed gives the same trace; another seed gives another one', () => {
  const trace = (seed: number): string => {
    const model = new LineModel(profile({ shortStopProbability: 0.3 }), { ...options, seed, cycleSpread: 0.1 });
    const changes: LineChange[] = [];
    for (let t = 0, n = 0; t <= 60_000; t += 37) {
      if (model.snapshot().nextSerial === '') model.writeNextSerial(`SN-${++n}`);
      changes.push(...model.step(t));
    }
    return JSON.stringify(changes);
  };
  assert.equal(trace(7), trace(7));
  assert.notEqual(trace(7), trace(8));
});

test('the result does not depend on how often the model is stepped', () => {
  const run = (tickMs: number) => {
    const model = new LineModel(profile({ shortStopProbability: 0.2 }), { ...options, cycleSpread: 0.1 });
    model.writeNextSerial('SN-1');
    for (let t = 0; t <= 20_000; t += tickMs) model.step(t);
    model.step(20_000);
    return model.snapshot().workCenters.map((w) => w.values);
  };
  assert.deepEqual(run(10), run(1_000));
});

test('PackML commands: Stop pauses the machine in Stopped, Reset resumes it; a command PackML forbids is refused', () => {
  const model = new LineModel(profile(), { ...options, startMs: 0 });
  model.writeNextSerial('S-1', 0);
  model.step(500);
  assert.equal(model.snapshot().workCenters[0]!.values.state, 'Execute');
  assert.equal(model.command('WC10', 'Unhold', 500), false, 'Unhold is not allowed while running');
  assert.equal(model.command('WC10', 'Stop', 500), true);
  const stopped = model.step(5_000);
  const wc10 = model.snapshot().workCenters[0]!;
  assert.equal(wc10.values.state, 'Stopped');
  assert.equal(wc10.values.command, 'Stop');
  assert.ok(!stopped.some((c) => c.workCenterId === 'WC10' && c.tag === 'cycleCount'), 'a stopped machine finishes no cycle');
  assert.equal(model.command('WC10', 'Start', 5_000), false, 'Start is for Idle, not Stopped');
  assert.equal(model.command('WC10', 'Reset', 5_000), true);
  model.step(8_000);
  assert.equal(model.snapshot().workCenters[0]!.values.cycleCount, 1, 'after Reset the machine finishes its cycle');
});

test('fault injection: a machine faults to Aborted and stays until cleared and reset; a drift moves its measurements', () => {
  const model = new LineModel(profile(), { seed: 3, startMs: 0 });
  assert.equal(model.fault('nope'), false);
  assert.equal(model.fault('WC10', 1_000), true);
  const states = () => wc(model, 'WC10').state;
  model.step(60_000);
  assert.equal(states(), 'Aborted', 'still faulted a minute later');
  assert.equal(model.command('WC10', 'Clear', 61_000), true);
  assert.equal(model.command('WC10', 'Reset', 62_000), true);
  model.step(63_000);
  assert.notEqual(states(), 'Aborted');
  assert.equal(model.drift('nope', 1), false);
  // The same line twice, one drifted 4 sigma at WC10: its measurement is 4 × 0.1 kN higher, cycle for cycle.
  const measured = (sigmas: number) => {
    const m = new LineModel(profile(), options);
    m.drift('WC10', sigmas);
    m.step(0);
    m.writeNextSerial('SN-1');
    runUntil(m, () => wc(m, 'WC10').cycleCount === 1);
    return wc(m, 'WC10').lastMeasurement;
  };
  assert.ok(Math.abs(measured(4) - measured(0) - 0.4) < 0.002, `${measured(4)} vs ${measured(0)}`);
});
