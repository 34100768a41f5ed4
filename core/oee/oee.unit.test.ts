import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kpis, oeeKpis } from './kpi';
import { lossWaterfall } from './losses';
import { shiftTimes, subtract, type PlannedShift, type StateSpan } from './time-model';

const t = (hhmm: string, day = '2026-12-07') => Date.parse(`${day}T${hhmm}:00.000Z`);
const span = (a: string, b: string) => ({ start: t(a), end: t(b) });

// The published worked example: a 480-minute shift, two 15-minute breaks and a 30-minute meal, 47 minutes down,
// ideal cycle 1.0 s, 19,271 pieces of which 423 rejects: A 88.81 %, P 86.11 %, Q 97.80 %, OEE 74.79 %.
const shift: PlannedShift = { ...span('06:00', '14:00'), breaks: [span('08:00', '08:15'), span('10:00', '10:30'), span('12:00', '12:15')], plannedDowntime: [] };
const states: StateSpan[] = [
  { ...span('06:00', '07:00'), state: 'Execute' },
  { ...span('07:00', '07:30'), state: 'Stopped' },
  { ...span('07:30', '09:00'), state: 'Execute' },
  { ...span('09:00', '09:17'), state: 'Held' },
  { ...span('09:17', '14:00'), state: 'Execute' },
];

test('the worked example comes out exactly: planned 420 min, run 373 min, A, P, Q and OEE', () => {
  const times = shiftTimes(shift, states);
  assert.deepEqual(times, { pot: 420 * 60, pdt: 0, pbt: 420 * 60, apt: 373 * 60, adot: 47 * 60, adet: 0, unknown: 0 });
  const k = oeeKpis(times, { produced: 19_271, good: 19_271 - 423, scrap: 423 }, 1.0);
  assert.equal(k.availability, 373 / 420);
  assert.equal(k.effectiveness, 19_271 / (373 * 60));
  assert.equal(k.quality, 18_848 / 19_271);
  assert.ok(Math.abs(k.oee! - 18_848 / 25_200) < 1e-12, 'OEE is good output at the ideal rate over the planned busy time');
  assert.deepEqual([k.availability, k.effectiveness, k.quality, k.oee].map((x) => Number((x! * 100).toFixed(2))), [88.81, 86.11, 97.8, 74.79]);
});

test('a stop across a break counts only outside it; planned downtime leaves the planned busy time', () => {
  const withStop: StateSpan[] = [
    { ...span('06:00', '07:55'), state: 'Execute' },
    { ...span('07:55', '08:20'), state: 'Stopped' },
    { ...span('08:20', '14:00'), state: 'Execute' },
  ];
  const times = shiftTimes({ ...shift, plannedDowntime: [span('13:30', '14:00')] }, withStop);
  assert.equal(times.adot, 10 * 60, '5 min before the break, 5 after');
  assert.equal(times.pdt, 30 * 60);
  assert.equal(times.pbt, 390 * 60);
  assert.equal(times.apt, 380 * 60);
});

test('a shift across midnight; state history missing for part of it is neither run nor down', () => {
  const night: PlannedShift = { start: t('22:00', '2026-12-07'), end: t('06:00', '2026-12-08'), breaks: [{ start: t('02:00', '2026-12-08'), end: t('02:30', '2026-12-08') }], plannedDowntime: [] };
  const times = shiftTimes(night, [
    { start: t('21:00', '2026-12-07'), end: t('01:00', '2026-12-08'), state: 'Execute' },
    { start: t('01:00', '2026-12-08'), end: t('03:00', '2026-12-08'), state: 'Idle' },
  ]);
  assert.deepEqual(times, { pot: 450 * 60, pdt: 0, pbt: 450 * 60, apt: 180 * 60, adot: 0, adet: 90 * 60, unknown: 180 * 60 });
  assert.deepEqual(oeeKpis({ pbt: 0, apt: 0 }, { produced: 0, good: 0, scrap: 0 }, 1), { availability: null, effectiveness: null, quality: null, oee: null, scrapRatio: null, throughputPerHour: null });
});

test('subtracting spans: inside, across either end, covering, apart', () => {
  const s = { start: 10, end: 20 };
  assert.deepEqual(subtract(s, [{ start: 12, end: 14 }]), [{ start: 10, end: 12 }, { start: 14, end: 20 }]);
  assert.deepEqual(subtract(s, [{ start: 5, end: 12 }, { start: 18, end: 30 }]), [{ start: 12, end: 18 }]);
  assert.deepEqual(subtract(s, [{ start: 0, end: 30 }]), []);
  assert.deepEqual(subtract(s, [{ start: 20, end: 30 }]), [s]);
});

test('the KPIs reported beside OEE: allocation and utilization efficiency, TEEP, MTBF, MTTR, first pass yield, throughput', () => {
  // 420 min planned busy: 373 run, 30 delayed (waiting for parts), 17 down in 2 failures; a 24-hour day.
  const k = kpis({ pbt: 420 * 60, apt: 373 * 60, adet: 30 * 60, adot: 17 * 60 }, { produced: 19_271, good: 18_848, scrap: 400, rework: 23, firstPass: 18_800 }, 19_271 * 1.0, {
    failures: 2,
    calendarSeconds: 24 * 3600,
  });
  assert.equal(k.allocationEfficiency, 403 / 420);
  assert.equal(k.utilizationEfficiency, 373 / 403);
  assert.ok(Math.abs(k.allocationEfficiency! * k.utilizationEfficiency! - k.availability!) < 1e-12, 'availability is allocation × utilization');
  assert.ok(Math.abs(k.teep! - (k.oee! * 420) / (24 * 60)) < 1e-12, 'TEEP is OEE scaled by planned busy time over all the time');
  assert.equal(k.mtbfSeconds, (373 * 60) / 2);
  assert.equal(k.mttrSeconds, (17 * 60) / 2);
  assert.equal(k.firstPassYield, 18_800 / 19_271);
  assert.equal(k.scrapRatio, 400 / 19_271);
  assert.equal(k.throughputPerHour, (19_271 * 3600) / (403 * 60), 'per hour busy');
  const none = kpis({ pbt: 0, apt: 0 }, { produced: 0, good: 0, scrap: 0 }, 0);
  assert.deepEqual(Object.values(none).filter((v) => v !== null), [], 'a period with no time and no output has no KPIs, not zeros');
});

test('the loss waterfall of the worked example: planned − stops = run; run − speed − rejects = fully productive = OEE × planned', () => {
  const times = shiftTimes(shift, states);
  const { bars, six } = lossWaterfall({
    times, produced: 19_271, good: 18_848, startupScrap: 23, idealSeconds: 19_271, reported: 0,
    // The 30-minute stop was a jam (a breakdown); the 17-minute hold has no reason yet.
    stops: { breakdown: 30 * 60, setup: 0, smallStop: 0 },
  });
  const bar = (step: string) => bars.find((b) => b.step === step)!.seconds;
  assert.equal(bar('planned'), 420 * 60);
  assert.equal(bar('breakdowns'), 30 * 60);
  assert.equal(bar('unreasoned'), 17 * 60);
  assert.equal(bar('run'), 373 * 60);
  assert.equal(bar('speed'), 373 * 60 - 19_271);
  assert.equal(bar('startup-rejects'), 23);
  assert.equal(bar('production-rejects'), 400);
  assert.equal(bar('productive'), 18_848);
  const losses = bars.filter((b) => b.kind === 'loss').reduce((n, b) => n + b.seconds, 0);
  assert.ok(Math.abs(bar('planned') - losses - bar('productive')) < 1e-9, 'the bars add up');
  assert.ok(Math.abs(bar('productive') / bar('planned') - oeeKpis(times, { produced: 19_271, good: 18_848, scrap: 423 }, 1).oee!) < 1e-12);
  assert.deepEqual(six, { breakdowns: 1800, setupAndAdjustments: 0, smallStops: 0, reducedSpeed: 373 * 60 - 19_271, startupRejects: 23, productionRejects: 400, unassigned: 1020 });
});
