import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventStore, createProjector, openDatabase, rebuildReadModels } from '../store';
import { demoOrderDispatched } from '../../tests/support/demo-orders';
import { until } from '../../tests/support/station-harness';
import { AlarmEngine } from './alarm-engine';
import { Commands } from './commands';
import { fixedLine } from './line-setup';
import { silentLog } from './log';
import { Spc, spcAlarmId } from './spc';
import { TagCache } from './tag-cache';

// Press force at WC10, measured on every valve: a baseline chosen, limits fixed, a drift caught by the rules and raised
// as an alarm, returned when the process is back; X̄-R on the same points.

async function line() {
  const db = openDatabase(':memory:');
  const store = new EventStore(db, 'ST-t', createProjector(db));
  let now = Date.parse('2026-12-07T06:00:00.000Z');
  const clock = { now: () => new Date(now) };
  const commands = new Commands(store, clock, fixedLine('L1', ['WC10', 'WC20', 'WC30', 'WC40']));
  const alarms = new AlarmEngine(store, new TagCache(), clock, silentLog);
  const spc = new Spc(store, alarms);
  const off = store.onCommitted((events) => spc.onCommitted(events));
  await demoOrderDispatched(commands, 'PO-1', 500);
  /** One valve pressed at WC10 with this force, a minute after the last. */
  const press = async (force: number) => {
    now += 60_000;
    const serial = await commands.startNextUnit(commands.context('plc'));
    assert.ok(serial.ok && serial.value);
    await commands.arrive(serial.value, 'WC10', commands.context('plc'));
    const done = await commands.completeOperation(serial.value, 'WC10', [{ name: 'Press force', value: force }], 'good', commands.context('plc'));
    assert.ok(done.ok, JSON.stringify(done));
  };
  return { db, store, spc, alarms, press, at: () => new Date(now).toISOString(), dispose: () => (off(), alarms.dispose()) };
}

// A steady process around 12.0 kN (a fixed wobble, sigma about 0.2).
const steady = (i: number) => 12 + [0.1, -0.2, 0.15, -0.05, 0.25, -0.15, 0.05, -0.1, 0.2, -0.25][i % 10]!;

test('limits from a baseline, a drift caught by the rules as an alarm, returned when back in control', async () => {
  const l = await line();
  const from = l.at();
  for (let i = 0; i < 30; i++) await l.press(steady(i));
  const to = l.at();

  const trial = l.spc.chart({ workCenter: 'WC10', measurement: 'Press force', last: 200 });
  assert.ok(trial.ok);
  assert.equal(trial.value.provisional, true, 'no baseline yet: trial limits from the points shown');
  assert.equal(trial.value.points.length, 30);

  const few = await l.spc.setBaseline({ workCenter: 'WC10', measurement: 'Press force', from, to: new Date(Date.parse(from) + 10 * 60_000).toISOString() }, { actor: 'engineer', at: l.at(), correlationId: 'c' });
  assert.match(few.ok ? '' : few.error.message, /has 9 Press force readings at WC10; an individuals chart needs at least 20/);
  const set = await l.spc.setBaseline({ workCenter: 'WC10', measurement: 'Press force', from, to: new Date(Date.parse(to) + 1).toISOString() }, { actor: 'engineer', at: l.at(), correlationId: 'c' });
  assert.ok(set.ok, JSON.stringify(set));
  const limits = set.value.settings!.limits;
  assert.ok(Math.abs(limits.center - 11.9995) < 0.01 + 1e-9, `center ${limits.center}`);
  assert.equal(set.value.settings!.points, 30);
  assert.equal(set.value.outOfControl, false);

  // In control: no alarm. Then one press at center + 6 sigma: rule 1.
  for (let i = 0; i < 5; i++) await l.press(steady(i));
  assert.equal(l.db.prepare('SELECT count(*) FROM alarms WHERE id = ?').pluck().get(spcAlarmId('WC10', 'Press force')), 0);
  await l.press(limits.center + 6 * limits.sigma);
  const raised = await until('the SPC alarm', () => l.db.prepare('SELECT active, message, priority FROM alarms WHERE id = ?').get(spcAlarmId('WC10', 'Press force')) as { active: number; message: string; priority: string } | undefined);
  assert.equal(raised.active, 1);
  assert.match(raised.message, /Press force at WC10 out of statistical control: a point beyond 3 sigma/);
  const chart = l.spc.chart({ workCenter: 'WC10', measurement: 'Press force', last: 200 });
  assert.ok(chart.ok);
  assert.equal(chart.value.provisional, false);
  assert.deepEqual(chart.value.points.at(-1)!.rules, ['WE1', 'MR'], 'the point is marked, and its jump beyond the moving-range limit');
  assert.ok(chart.value.capability && chart.value.capability.cpk! > 1, `Cpk ${chart.value.capability?.cpk}`);

  // Back in control: the alarm returns (the record keeps both).
  await l.press(steady(0));
  await l.press(steady(1));
  await until('the alarm to return', () => (l.db.prepare('SELECT active FROM alarms WHERE id = ?').pluck().get(spcAlarmId('WC10', 'Press force')) as number) === 0);

  // A slow drift: eight presses just above the center — rule 4 (a run on one side).
  for (let i = 0; i < 8; i++) await l.press(limits.center + 0.5 * limits.sigma);
  await until('the run to raise it', () => (l.db.prepare('SELECT active FROM alarms WHERE id = ?').pluck().get(spcAlarmId('WC10', 'Press force')) as number) === 1);
  const types = l.db.prepare("SELECT type FROM events WHERE stream = 'alarm:' || ? ORDER BY seq").pluck().all(spcAlarmId('WC10', 'Press force'));
  assert.deepEqual(types, ['AlarmRaised', 'AlarmReturned', 'AlarmRaised']);
  const chart2 = l.spc.chart({ workCenter: 'WC10', measurement: 'Press force', last: 8 });
  assert.ok(chart2.ok);
  assert.deepEqual(chart2.value.points.at(-1)!.rules, ['WE4'], 'judged with the points before the window');
  l.dispose();
});

test('X̄-R: subgroups of consecutive points, limits from 20 subgroups, a shift in the mean caught', async () => {
  const l = await line();
  const from = l.at();
  for (let i = 0; i < 100; i++) await l.press(steady(i * 3));
  const set = await l.spc.setBaseline({ workCenter: 'WC10', measurement: 'Press force', from, to: new Date(Date.parse(l.at()) + 1).toISOString(), chart: 'xbar-r', subgroupSize: 5, rules: 'nelson' }, { actor: 'quality', at: l.at(), correlationId: 'c' });
  assert.ok(set.ok, JSON.stringify(set));
  assert.equal(set.value.settings!.limits.chart, 'xbar-r');
  assert.equal(set.value.settings!.limits.n, 5);
  for (let i = 0; i < 5; i++) await l.press(set.value.settings!.limits.center + 1.0);
  const chart = l.spc.chart({ workCenter: 'WC10', measurement: 'Press force', last: 50 });
  assert.ok(chart.ok);
  assert.equal(chart.value.subgroups.length, 10);
  assert.ok(chart.value.subgroups.at(-1)!.rules.includes('N1'), JSON.stringify(chart.value.subgroups.at(-1)));
  await until('the alarm', () => (l.db.prepare('SELECT active FROM alarms WHERE id = ?').pluck().get(spcAlarmId('WC10', 'Press force')) as number | undefined) === 1);
  // The points and limits are read models: rebuilt from the log, the chart is the same.
  rebuildReadModels(l.db);
  assert.deepEqual(l.spc.chart({ workCenter: 'WC10', measurement: 'Press force', last: 50 }), chart);
  l.dispose();
});
