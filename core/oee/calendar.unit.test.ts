import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ShiftCalendar, findShift, localDay, shiftAt, shiftFrom, shiftsBetween, shiftsOn, zonedInstant } from './calendar';
import { shiftTimes } from './time-model';

const iso = (ms: number) => new Date(ms).toISOString();
const cal = (c: unknown) => ShiftCalendar.parse(c);

// Three shifts on weekdays, the night shift running into the next day with its meal after midnight.
const plant = cal({
  timeZone: 'Europe/Berlin',
  shifts: [
    { name: 'A', start: '06:00', end: '14:00', breaks: [{ name: 'Break', start: '08:00', end: '08:15' }, { name: 'Meal', start: '10:00', end: '10:30' }, { name: 'Break', start: '12:00', end: '12:15' }] },
    { name: 'B', start: '14:00', end: '22:00' },
    { name: 'C', start: '22:00', end: '06:00', breaks: [{ name: 'Meal', start: '01:00', end: '01:30' }] },
  ],
  plannedDowntime: [{ from: '2026-12-08T10:00:00+01:00', to: '2026-12-08T11:00:00+01:00', reason: 'Changeover to VLV-200' }],
  nonWorkingDays: ['2026-12-25'],
});

test('a shift with two 15-minute breaks and a 30-minute meal: 480 minutes, 420 planned (the worked example)', () => {
  const a = findShift(plant, '2026-12-07/A')!;
  assert.equal(iso(a.start), '2026-12-07T05:00:00.000Z', '06:00 in Berlin in winter');
  assert.equal((a.end - a.start) / 60_000, 480);
  const t = shiftTimes(a, []);
  assert.equal(t.pot, 420 * 60);
  assert.equal(t.pbt, 420 * 60);
});

test('a night shift runs across midnight; its meal after midnight is on the next day', () => {
  const c = findShift(plant, '2026-12-07/C')!;
  assert.equal(iso(c.start), '2026-12-07T21:00:00.000Z');
  assert.equal(iso(c.end), '2026-12-08T05:00:00.000Z');
  assert.deepEqual(c.breaks.map((b) => [iso(b.start), iso(b.end)]), [['2026-12-08T00:00:00.000Z', '2026-12-08T00:30:00.000Z']]);
  assert.equal(shiftAt(plant, Date.parse('2026-12-08T03:00:00Z'))?.id, '2026-12-07/C', 'at 04:00 on Tuesday the Monday night shift runs');
});

test('planned downtime is dated and clipped to the shift; a non-working day and the weekend have no shifts', () => {
  const a = findShift(plant, '2026-12-08/A')!;
  assert.deepEqual(a.plannedStops, [{ start: Date.parse('2026-12-08T09:00:00Z'), end: Date.parse('2026-12-08T10:00:00Z'), reason: 'Changeover to VLV-200' }]);
  // 10:00–10:30 is the meal already: the changeover takes 30 minutes of planned busy time, not 60.
  assert.equal(shiftTimes(a, []).pbt, (420 - 30) * 60);
  assert.equal(findShift(plant, '2026-12-25/A'), null);
  assert.deepEqual(shiftsOn(plant, '2026-12-12'), [], 'Saturday');
  assert.equal(findShift(plant, '2026-12-07/X'), null);
  assert.equal(findShift(plant, 'yesterday'), null);
});

test('a shift from a later instant on (a calendar changed during it): its breaks and planned downtime before then are cut off', () => {
  const a = findShift(plant, '2026-12-08/A')!;
  // From 10:15 Berlin (09:15 UTC): the meal is half over, the changeover 45 minutes left, the first break gone.
  const from = Date.parse('2026-12-08T09:15:00Z');
  const cut = shiftFrom(a, from)!;
  assert.equal(cut.start, from);
  assert.equal(cut.end, a.end);
  assert.deepEqual(cut.breaks.map((b) => [iso(b.start), iso(b.end)]), [['2026-12-08T09:15:00.000Z', '2026-12-08T09:30:00.000Z'], ['2026-12-08T11:00:00.000Z', '2026-12-08T11:15:00.000Z']]);
  assert.deepEqual(cut.plannedStops.map((p) => [iso(p.start), iso(p.end), p.reason]), [['2026-12-08T09:15:00.000Z', '2026-12-08T10:00:00.000Z', 'Changeover to VLV-200']]);
  // 225 minutes to the end, 30 of them breaks; the changeover's 30 minutes outside the meal are planned downtime.
  const t = shiftTimes(cut, []);
  assert.deepEqual([t.pot, t.pbt], [(225 - 30) * 60, (225 - 30 - 30) * 60]);
  assert.equal(shiftFrom(a, a.start - 1), a, 'from before its start: the shift as it is');
  assert.equal(shiftFrom(a, a.end), null, 'from its end: nothing left');
});

test('shifts between two instants include the one already running', () => {
  const ids = shiftsBetween(plant, Date.parse('2026-12-08T04:00:00Z'), Date.parse('2026-12-08T14:00:00Z')).map((s) => s.id);
  assert.deepEqual(ids, ['2026-12-07/C', '2026-12-08/A', '2026-12-08/B']);
});

test('a shift keeps its wall-clock time across the change to summer time, and is an hour shorter that night', () => {
  const nights = cal({ timeZone: 'Europe/Berlin', shifts: [{ name: 'N', start: '22:00', end: '06:00', days: [1, 2, 3, 4, 5, 6, 7] }] });
  const before = findShift(nights, '2027-03-27/N')!;
  const across = findShift(nights, '2027-03-28/N')!;
  assert.equal(iso(before.start), '2027-03-27T21:00:00.000Z');
  assert.equal((before.end - before.start) / 3_600_000, 7, 'clocks go forward at 02:00 on the 28th: that night has 7 hours');
  assert.equal(iso(across.end), '2027-03-29T04:00:00.000Z', '06:00 summer time');
  assert.equal((across.end - across.start) / 3_600_000, 8);
  // A time in the gap moves on by the gap; a time that happens twice is its first.
  assert.equal(iso(zonedInstant('2027-03-28', 150, 'Europe/Berlin')), '2027-03-28T01:30:00.000Z');
  assert.equal(iso(zonedInstant('2027-10-31', 150, 'Europe/Berlin')), '2027-10-31T00:30:00.000Z');
  assert.equal(localDay(Date.parse('2026-12-07T23:30:00Z'), 'Europe/Berlin'), '2026-12-08');
});

test('a calendar that does not hold together is refused with the reason', () => {
  const refused = (c: unknown) => {
    const r = ShiftCalendar.safeParse(c);
    assert.equal(r.success, false);
    return r.error!.issues.map((i) => i.message).join('; ');
  };
  assert.match(refused({ timeZone: 'Mars/Olympus', shifts: [{ name: 'A', start: '06:00', end: '14:00' }] }), /not a time zone/);
  assert.match(refused({ timeZone: 'UTC', shifts: [{ name: 'A', start: '06:00', end: '14:00' }, { name: 'B', start: '13:00', end: '21:00' }] }), /shifts A and B overlap/);
  assert.match(
    refused({ timeZone: 'UTC', shifts: [{ name: 'C', start: '22:00', end: '06:00', days: [7] }, { name: 'A', start: '05:00', end: '13:00', days: [1] }] }),
    /shifts C and A overlap/,
    "Sunday's night shift runs into Monday morning",
  );
  assert.match(refused({ timeZone: 'UTC', shifts: [{ name: 'A', start: '06:00', end: '14:00', breaks: [{ start: '13:45', end: '14:15' }] }] }), /break 13:45–14:15 is not within shift A/);
  assert.match(refused({ timeZone: 'UTC', shifts: [{ name: 'A', start: '6:00', end: '14:00' }] }), /HH:MM/);
  assert.match(refused({ timeZone: 'UTC', shifts: [{ name: 'A', start: '06:00', end: '14:00' }, { name: 'A', start: '14:00', end: '22:00' }] }), /shift A is in the calendar twice/);
  assert.doesNotThrow(() => cal({ timeZone: 'UTC', shifts: [{ name: 'A', start: '06:00', end: '14:00' }, { name: 'B', start: '14:00', end: '22:00' }, { name: 'C', start: '22:00', end: '06:00' }] }));
});
