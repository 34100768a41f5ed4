import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineSetup, type OeeRow } from '../../core';
import { EventStore, createProjector, openDatabase, rebuildReadModels } from '../store';
import { Commands } from './commands';
import { fixedLine } from './line-setup';
import { Production } from './production';
import { Downtime } from './downtime';
import { ShiftReports } from './shift-report';
import { oeeModel } from '../oee';

// The worked example through the station's own record: a 480-minute shift with two 15-minute breaks and a 30-minute
// meal, 47 minutes down, ideal cycle 1.0 s, 19,271 pieces of which 423 rejects. A 88.81 %, P 86.11 %, Q 97.80 %, OEE 74.79 %.

const setup = LineSetup.parse({
  site: { id: 'P1', name: 'Plant 1' },
  area: { id: 'A1', name: 'Area 1' },
  line: { id: 'L1', name: 'Line 1', workCenters: [{ id: 'WC10', name: 'Cutter', plcFolder: 'WC10' }, { id: 'WC90', name: 'Hand bench' }] },
});
const calendar = {
  timeZone: 'UTC',
  shifts: [
    { name: 'A', start: '06:00', end: '14:00', breaks: [{ start: '08:00', end: '08:15' }, { name: 'Meal', start: '10:00', end: '10:30' }, { start: '12:00', end: '12:15' }] },
    { name: 'B', start: '14:00', end: '22:00' },
  ],
};
const at = (hhmm: string, day = '2026-12-07') => `${day}T${hhmm}:00.000Z`;

async function station() {
  const db = openDatabase(':memory:');
  const store = new EventStore(db, 'ST-t', createProjector(db));
  let now = Date.parse(at('05:00'));
  const clock = { now: () => new Date(now) };
  const set = (iso: string) => void (now = Date.parse(iso));
  const commands = new Commands(store, clock, fixedLine('L1', ['WC10', 'WC90']));
  const model = oeeModel(db, () => now);
  const production = new Production(store, clock, () => setup, model);
  const downtime = new Downtime(store, () => setup, model);
  const ctx = (who = 'lead') => commands.context(who);
  const must = <T extends { ok: boolean }>(r: T) => {
    assert.ok(r.ok, JSON.stringify(r));
    return r;
  };
  must(await commands.defineMaterial({ id: 'SHEET-3', revision: 'A', description: 'Sheet', unitOfMeasure: 'pcs' }, ctx('engineer')));
  must(await commands.defineProduct({
    product: 'GSK-1', revision: 'A', description: '', tracking: 'lot', bom: [{ material: 'SHEET-3', revision: 'A', quantity: 1 }],
    routing: [{ seq: 10, name: 'Cut', workCenter: 'WC10', standardCycleSeconds: 1.0, components: [], measurements: [], instruction: '', onFail: 'reject' }],
  }, ctx('engineer')));
  must(await commands.receiveOrder({ number: 'PO-1', product: 'GSK-1', revision: 'A', quantity: 19_271, dueDate: '2026-12-08', priority: 5 }, ctx('erp')));
  must(await commands.orderAction({ number: 'PO-1', action: 'release' }, ctx()));
  must(await commands.orderAction({ number: 'PO-1', action: 'dispatch' }, ctx()));
  must(await production.setCalendar(calendar, ctx('engineer')));
  const state = async (hhmm: string, s: string) => {
    set(at(hhmm));
    must(await commands.recordMachineState('WC10', s, ctx('plc')));
  };
  return { db, store, model, commands, production, downtime, set, state, ctx, must };
}

const pct = (x: number | null) => (x === null ? null : Number((x * 100).toFixed(2)));
const only = (rows: OeeRow[], wc: string | null) => rows.find((r) => r.workCenter === wc)!;

test('the worked example from the recorded states and counts: A, P, Q and OEE, and the KPIs beside them', async () => {
  const s = await station();
  await s.state('06:00', 'Execute');
  await s.state('07:00', 'Stopped');
  await s.state('07:30', 'Execute');
  await s.state('09:00', 'Held');
  await s.state('09:17', 'Execute');
  s.set(at('13:59'));
  s.must(await s.commands.reportQuantity('PO-1', { operation: 10, workCenter: 'WC10', good: 18_848, scrapped: 423, reason: 'burr' }, s.ctx('operator')));
  s.set(at('14:05'));
  const r = s.production.oee({ by: 'shift', from: at('06:00'), to: at('14:00') });
  assert.ok(r.ok);
  const wc = only(r.value.rows, 'WC10');
  assert.deepEqual(wc.period, { kind: 'shift', id: '2026-12-07/A', start: at('06:00'), end: at('14:00'), running: false });
  assert.deepEqual(wc.times, { pot: 420 * 60, pdt: 0, pbt: 420 * 60, apt: 373 * 60, adot: 47 * 60, adet: 0, aubt: 373 * 60, unknown: 0 });
  assert.deepEqual(wc.quantities, { produced: 19_271, good: 18_848, scrap: 423, rework: 0, firstPass: 18_848 });
  assert.deepEqual([wc.kpis.availability, wc.kpis.effectiveness, wc.kpis.quality, wc.kpis.oee].map(pct), [88.81, 86.11, 97.8, 74.79]);
  assert.equal(wc.failures, 2, 'two stops: Stopped and Held');
  assert.equal(wc.kpis.mttrSeconds, (47 * 60) / 2);
  assert.equal(wc.kpis.mtbfSeconds, (373 * 60) / 2);
  assert.equal(pct(wc.kpis.scrapRatio), 2.2);
  assert.equal(only(r.value.rows, 'WC90').source, 'none', 'the hand bench has not reported');
  assert.deepEqual(only(r.value.rows, 'WC90').kpis.oee, null);
  assert.equal(only(r.value.rows, null).kpis.oee, wc.kpis.oee, 'the line is its one work center that recorded anything');

  // The order: its window is from dispatch-start to completion; the same pieces and ideal time.
  const order = s.production.order('PO-1');
  assert.ok(order.ok);
  assert.equal(only(order.value.rows, 'WC10').quantities.produced, 19_271);

  // Read models are disposable: rebuilt from the log, the figures are the same.
  rebuildReadModels(s.db);
  const again = s.production.oee({ by: 'shift', from: at('06:00'), to: at('14:00') });
  assert.deepEqual(again, r);
});

test('a hand report counts like the machine; impossible reports are refused; the line sums its work centers', async () => {
  const s = await station();
  await s.state('06:00', 'Execute');
  s.set(at('14:30'));
  const refused = async (report: object, pattern: RegExp) => {
    const r = await s.production.report({ workCenter: 'WC90', shift: '2026-12-07/A', produced: 400, downtimeMinutes: 30, ...report }, s.ctx());
    assert.equal(r.ok, false, JSON.stringify(report));
    assert.match(r.ok ? '' : r.error.message, pattern);
  };
  await refused({ scrap: 401 }, /more than the 400 pieces produced/);
  await refused({ downtimeMinutes: 421 }, /more than shift 2026-12-07\/A's 420 minutes/);
  await refused({ shift: '2026-12-06/A' }, /no shift 2026-12-06\/A/);
  await refused({ shift: '2026-12-08/A' }, /has not begun yet/);
  await refused({ workCenter: 'WC10' }, /counted by its PLC/);
  await refused({ workCenter: 'WC77' }, /not on line L1/);
  await refused({ produced: -3 }, /cannot be negative/);
  await refused({ order: 'PO-9' }, /no order PO-9/);
  await refused({ order: 'PO-1' }, /routing has no operation at WC90/);
  const first = await s.production.report({ workCenter: 'WC90', shift: '2026-12-07/A', produced: 400, scrap: 10, rework: 6, downtimeMinutes: 30, stops: 3 }, s.ctx());
  assert.ok(first.ok);
  await refused({}, /already reported \(400 produced, 30 min down\)/);
  const replaced = await s.production.report({ workCenter: 'WC90', shift: '2026-12-07/A', produced: 420, scrap: 10, downtimeMinutes: 42, stops: 3, replaces: true }, s.ctx());
  assert.ok(replaced.ok);
  assert.equal(replaced.value.replaced, true);
  assert.equal(s.db.prepare("SELECT count(*) FROM events WHERE type = 'ProductionReported'").pluck().get(), 2, 'both reports are on the record');

  const rows = s.production.oee({ by: 'shift', from: at('06:00'), to: at('14:00') });
  assert.ok(rows.ok);
  const hand = only(rows.value.rows, 'WC90');
  assert.equal(hand.source, 'report');
  assert.deepEqual([hand.times.pbt, hand.times.apt, hand.times.adot], [420 * 60, 378 * 60, 42 * 60]);
  assert.deepEqual(hand.quantities, { produced: 420, good: 410, scrap: 10, rework: 0, firstPass: 410 });
  assert.equal(hand.kpis.availability, 378 / 420);
  assert.equal(hand.kpis.mttrSeconds, (42 * 60) / 3);
  const line = only(rows.value.rows, null);
  assert.equal(line.source, 'mixed');
  assert.equal(line.times.pbt, 2 * 420 * 60);
  assert.equal(line.times.apt, 420 * 60 + 378 * 60, 'the machine ran all shift; the bench was down 42 minutes');
  assert.deepEqual(s.production.reports(Date.parse(at('00:00')), Date.parse(at('23:59'))).map((x) => [x.workCenter, x.shift, x.produced]), [['WC90', '2026-12-07/A', 420]]);
});

test('live: the running shift up to now; a day is its shifts; a calendar changed later leaves a past shift as it ran', async () => {
  const s = await station();
  await s.state('06:00', 'Execute');
  await s.state('07:00', 'Aborted');
  s.set(at('07:30'));
  const live = s.production.current();
  assert.equal(live.shift, '2026-12-07/A');
  const wc = only(live.rows, 'WC10');
  assert.equal(wc.period.running, true);
  assert.deepEqual([wc.times.pbt, wc.times.apt, wc.times.adot], [90 * 60, 60 * 60, 30 * 60], 'up to 07:30: an hour run, half an hour down so far');
  await s.state('08:00', 'Execute');
  s.set(at('23:00'));
  const day = s.production.oee({ by: 'day', from: at('00:00'), to: at('00:00', '2026-12-08') });
  assert.ok(day.ok);
  const d = only(day.value.rows, 'WC10');
  assert.equal(d.period.id, '2026-12-07');
  assert.equal(d.times.pbt, (420 + 480) * 60, 'shift A and shift B');
  assert.equal(d.times.adot, 60 * 60, 'aborted 07:00–08:00');
  assert.ok(Math.abs(d.kpis.teep! - 0) < 1e-12, 'nothing made: TEEP 0');
  // The calendar changes at 23:00 (breaks dropped): the day's shifts keep the calendar they ran to.
  s.must(await s.production.setCalendar({ ...calendar, shifts: calendar.shifts.map((x) => ({ ...x, breaks: [] })) }, s.ctx('engineer')));
  const after = s.production.oee({ by: 'shift', from: at('06:00'), to: at('14:00') });
  assert.ok(after.ok);
  assert.equal(only(after.value.rows, 'WC10').times.pot, 420 * 60);
  s.set(at('15:00', '2026-12-08'));
  const next = s.production.oee({ by: 'shift', from: at('06:00', '2026-12-08'), to: at('14:00', '2026-12-08') });
  assert.ok(next.ok);
  assert.equal(only(next.value.rows, 'WC10').times.pot, 480 * 60, "the next day's shift is planned without breaks");
  assert.equal(s.db.prepare("SELECT count(*) FROM events WHERE type = 'ShiftCalendarSet'").pluck().get(), 2);
  // A night shift comes in (set before it ends, so it is judged by it), then at 10:00 one shift around the clock: the
  // shift running now is that one alone, and it begins where the night shift (judged by the calendar it ended under)
  // ended, so no time counts in both.
  s.set(at('16:00', '2026-12-09'));
  s.must(await s.production.setCalendar({ timeZone: 'UTC', shifts: [{ name: 'N', start: '22:00', end: '06:00' }] }, s.ctx('engineer')));
  s.set(at('10:00', '2026-12-10'));
  s.must(await s.production.setCalendar({ timeZone: 'UTC', shifts: [{ name: 'D', start: '00:00', end: '00:00' }] }, s.ctx('engineer')));
  const now = s.production.current();
  assert.equal(now.shift, '2026-12-10/D');
  assert.deepEqual([...new Set(now.rows.map((r) => r.period.id))], ['2026-12-10/D']);
  assert.equal(now.rows[0]!.period.start, at('06:00', '2026-12-10'), 'the running shift begins where the night shift ended');
  assert.equal(only(now.rows, 'WC10').times.pot, 4 * 3600, 'planned from 06:00 to now, not from midnight');
  const both = s.production.oee({ by: 'shift', from: at('00:00', '2026-12-10'), to: at('10:00', '2026-12-10') });
  const periods = [...new Map((both.ok ? both.value.rows : []).map((r) => [r.period.id, [r.period.start, r.period.end]])).entries()];
  assert.deepEqual(periods, [
    ['2026-12-09/N', [at('22:00', '2026-12-09'), at('06:00', '2026-12-10')]],
    ['2026-12-10/D', [at('06:00', '2026-12-10'), at('00:00', '2026-12-11')]],
  ], 'history shows both, each by its calendar, one after the other');
  // Asked from 08:00 only, the running shift still begins at 06:00 (the night shift outside the window still counts).
  const later = s.production.oee({ by: 'shift', from: at('08:00', '2026-12-10'), to: at('10:00', '2026-12-10') });
  assert.deepEqual([...new Set((later.ok ? later.value.rows : []).map((r) => r.period.start))], [at('06:00', '2026-12-10')]);
});

test('a shift lengthened after it ended is the one shift, from its start: the newer calendar replaces the older one\'s', async () => {
  const s = await station();
  s.set(at('05:30'));
  s.must(await s.production.setCalendar({ timeZone: 'UTC', shifts: [{ name: 'A', start: '06:00', end: '10:00' }] }, s.ctx('engineer')));
  await s.state('06:00', 'Execute');
  s.set(at('11:00'));
  s.must(await s.production.setCalendar({ timeZone: 'UTC', shifts: [{ name: 'A', start: '06:00', end: '14:00' }] }, s.ctx('engineer')));
  s.set(at('15:00'));
  const r = s.production.oee({ by: 'shift', from: at('00:00'), to: at('23:59') });
  const periods = [...new Map((r.ok ? r.value.rows : []).map((x) => [x.period.id, [x.period.start, x.period.end]])).entries()];
  assert.deepEqual(periods, [['2026-12-07/A', [at('06:00'), at('14:00')]]]);
  assert.equal(only(r.ok ? r.value.rows : [], 'WC10').times.pot, 8 * 3600);
});

test('time classes are the engineers\' to set: Suspended counted as down instead of delay, and only what differs is kept', async () => {
  const s = await station();
  await s.state('06:00', 'Execute');
  await s.state('06:30', 'Suspended');
  await s.state('07:00', 'Execute');
  s.set(at('07:00'));
  const before = only(s.production.current().rows, 'WC10');
  assert.deepEqual([before.times.adet, before.times.adot], [30 * 60, 0]);
  const set = await s.production.setTimeClasses({ classes: { Suspended: 'down', Execute: 'run' }, microStopSeconds: 60 }, s.ctx('engineer'));
  assert.ok(set.ok);
  assert.deepEqual(set.value.overrides, { Suspended: 'down' });
  assert.equal(set.value.timeClasses.Suspended, 'down');
  const after = only(s.production.current().rows, 'WC10');
  assert.deepEqual([after.times.adet, after.times.adot], [0, 30 * 60]);
  assert.equal(after.failures, 0, 'the stop was recorded as a delay when it happened: a failure is a stop recorded as down');
});

test('state times summed by the hour and minute agree with the state history itself, over spans that cut hours and minutes anywhere', async () => {
  const s = await station();
  const states = ['Execute', 'Held', 'Suspended', 'Stopped', 'Idle', 'Execute', 'Aborted'];
  let t = Date.parse(at('05:47'));
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const history: { state: string; start: number }[] = [];
  for (let i = 0; i < 400; i++) {
    const state = states[Math.floor(random() * states.length)]!;
    s.set(new Date(t).toISOString());
    s.must(await s.commands.recordMachineState('WC10', state, s.ctx('plc')));
    if (history.at(-1)?.state !== state) history.push({ state, start: t });
    t += Math.floor(random() * 240_000) + 1_000;
  }
  const now = t;
  s.set(new Date(now).toISOString());
  const { stateTotalsReader } = await import('../oee');
  const read = stateTotalsReader(s.db);
  for (let k = 0; k < 60; k++) {
    // Some spans on whole minutes (as shifts are), some on whole hours, some anywhere.
    const round = (t: number) => (k % 3 === 0 ? t - (t % 60_000) : k % 3 === 1 ? t - (t % 3_600_000) : t);
    const a = round(Date.parse(at('05:40')) + Math.floor(random() * (now - Date.parse(at('05:40')))));
    const b = round(a + Math.floor(random() * 5 * 3_600_000)) + (k % 3 === 1 ? 3_600_000 : 0);
    const expected: Record<string, number> = {};
    history.forEach((h, i) => {
      const end = history[i + 1]?.start ?? now;
      const ms = Math.max(0, Math.min(end, b, now) - Math.max(h.start, a));
      if (ms > 0) expected[h.state] = (expected[h.state] ?? 0) + ms;
    });
    const got = read('WC10', [{ start: a, end: b }], now);
    assert.deepEqual(got, expected, `span ${new Date(a).toISOString()}–${new Date(b).toISOString()}`);
  }
});

test('every stop is a downtime record; micro-stops are grouped; reasons come from the tree; the losses add up', async () => {
  const s = await station();
  await s.state('06:00', 'Execute');
  await s.state('06:30', 'Aborted');
  await s.state('07:00', 'Execute');
  await s.state('07:10', 'Held');
  await s.state('07:11', 'Execute');
  await s.state('08:30', 'Suspended');
  await s.state('08:31', 'Stopped');
  await s.state('08:50', 'Execute');
  s.set(at('08:52'));
  s.must(await s.commands.reportQuantity('PO-1', { operation: 10, workCenter: 'WC10', good: 100, scrapped: 3, reason: 'Burr' }, s.ctx('operator')));
  s.set(at('09:00'));
  const list = s.downtime.stops({ from: at('06:00'), to: at('09:00'), needsReason: false });
  assert.ok(list.ok);
  assert.deepEqual(list.value.stops.map((x) => [x.start, x.end, x.state, x.kind, x.seconds]), [
    [at('08:30'), at('08:50'), 'Suspended', 'down', 20 * 60],
    [at('06:30'), at('07:00'), 'Aborted', 'down', 30 * 60],
  ], 'newest first; a delay that became a stop is down');
  assert.deepEqual(list.value.micro, [{ workCenter: 'WC10', count: 1, seconds: 60 }]);

  const give = (start: string, reason: string) => s.downtime.giveReason({ workCenter: 'WC10', start, reason }, s.ctx('operator'));
  const refusedWith = async (start: string, reason: string, pattern: RegExp) => {
    const r = await give(start, reason);
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error.message, pattern);
  };
  await refusedWith(at('07:10'), 'JAM', /micro-stop/);
  await refusedWith(at('06:31'), 'JAM', /no stop that began/);
  await refusedWith(at('06:30'), 'MECH', /not a reason of this line's tree \(or it is a group/);
  const given = await give(at('06:30'), 'JAM');
  assert.ok(given.ok);
  assert.deepEqual(given.value.reason && [given.value.reason.code, given.value.reason.path, given.value.reason.loss, given.value.reason.by], ['JAM', ['Mechanical', 'Jam'], 'breakdown', 'operator']);
  const open = s.downtime.stops({ from: at('06:00'), to: at('09:00'), needsReason: true });
  assert.deepEqual(open.ok && open.value.stops.map((x) => x.start), [at('08:30')], 'the one still without a reason');
  // A shift lead corrects it: both are on the record.
  assert.ok((await s.downtime.giveReason({ workCenter: 'WC10', start: at('06:30'), reason: 'TOOL', comment: 'punch cracked' }, s.ctx('lead'))).ok);
  assert.deepEqual(s.db.prepare("SELECT json_extract(data, '$.reason'), json_extract(data, '$.replaces') FROM events WHERE type = 'DowntimeReasonGiven' ORDER BY seq").raw().all(), [['JAM', null], ['TOOL', 'JAM']]);

  const losses = s.downtime.losses({ from: at('06:00'), to: at('14:00') });
  assert.ok(losses.ok);
  const bar = (step: string) => losses.value.waterfall.find((b) => b.step === step)!.seconds;
  assert.equal(bar('planned'), (180 - 15) * 60, 'up to 09:00, less the 08:00 break');
  assert.equal(bar('breakdowns'), 30 * 60);
  assert.equal(bar('small-stops'), 60);
  assert.equal(bar('unreasoned'), 20 * 60);
  assert.equal(bar('run'), (165 - 51) * 60);
  assert.equal(bar('startup-rejects'), 3, 'three rejects two minutes after the restart, at the ideal 1 s each');
  assert.equal(bar('productive'), 100);
  const losing = losses.value.waterfall.filter((b) => b.kind === 'loss').reduce((n, b) => n + b.seconds, 0);
  assert.ok(Math.abs(bar('planned') - losing - bar('productive')) < 1e-9);
  assert.deepEqual(losses.value.downtimePareto.map((d) => [d.label, d.seconds, d.stops]), [
    ['Mechanical › Tool broken or worn', 1800, 1],
    ['No reason given', 1200, 1],
    ['Micro-stops (grouped)', 60, 1],
  ]);
  assert.deepEqual(losses.value.scrapPareto, [{ reason: 'Burr', pieces: 3 }]);
  assert.equal(losses.value.unreasonedStops, 1);

  // Engineers set the tree: a code twice is refused; a new tree is used for reasons from then on.
  const twice = await s.downtime.setReasons({ tree: [{ code: 'A', name: 'A', children: [{ code: 'A', name: 'again', children: [] }] }] }, s.ctx('engineer'));
  assert.match(twice.ok ? '' : twice.error.message, /reason code A is in the tree twice/);
  assert.ok((await s.downtime.setReasons({ tree: [{ code: 'PUNCH', name: 'Punch', loss: 'breakdown', children: [] }] }, s.ctx('engineer'))).ok);
  assert.equal(s.downtime.reasons().isDefault, false);
  assert.ok((await give(at('08:30'), 'PUNCH')).ok);
  // The report a shift lead hands over, as CSV and PDF.
  const reports = new ShiftReports(s.db, () => setup, s.model, (q) => s.production.oee(q), (q) => s.downtime.losses(q), (q) => s.downtime.stops(q));
  const csv = reports.report('2026-12-07/A', 'csv', { by: 'Demo shift lead (lead)', at: at('09:00') });
  assert.ok(csv.ok);
  const text = Buffer.from(csv.value.base64, 'base64').toString('utf8');
  assert.equal(csv.value.fileName, 'shift-L1-2026-12-07-A.csv');
  for (const section of ['Output', 'OEE (ISO 22400-2)', 'Top losses', 'Downtime by reason', 'Scrap by reason', 'Stops still without a reason', 'Alarms']) assert.ok(text.includes(`\r\n${section}\r\n`), section);
  assert.match(text, /shift still running: figures up to now/);
  assert.match(text, /WC10,103,100,3,0,machine/);
  assert.match(text, /Mechanical › Tool broken or worn,1,30/);
  const pdf = reports.report('2026-12-07/A', 'pdf', { by: 'lead', at: at('09:00') });
  assert.ok(pdf.ok);
  assert.equal(Buffer.from(pdf.value.base64, 'base64').subarray(0, 5).toString(), '%PDF-');
  assert.match(reports.report('2026-12-07/Z', 'pdf', { by: 'lead', at: at('09:00') }).ok ? '' : 'no shift', /no shift/);
  const beforeRebuild = s.downtime.losses({ from: at('06:00'), to: at('14:00') });
  rebuildReadModels(s.db);
  assert.deepEqual(s.downtime.losses({ from: at('06:00'), to: at('14:00') }), beforeRebuild);
  const rebuilt = s.downtime.stops({ from: at('06:00'), to: at('09:00'), needsReason: true });
  assert.deepEqual(rebuilt.ok && rebuilt.value.stops, [], 'after a rebuild every stop still has its reason');
});
