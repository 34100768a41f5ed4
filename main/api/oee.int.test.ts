import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { OeeRow, ProductionSettingsView } from '../../core';
import { api, withStation } from '../../tests/support/station-harness';
import { demoLineWithHandBench } from '../../tests/support/demo-orders';

// OEE over the API: the calendar and time classes by role, a hand-reported work center reported over REST, impossible
// reports refused with the reason, GET /oee by shift and day.

let ctx: Awaited<ReturnType<typeof withStation>>;
const today = new Date().toISOString().slice(0, 10);
// A calendar with one shift around the clock: whatever the time of the test, a shift is running and has begun.
const calendar = { timeZone: 'UTC', shifts: [{ name: 'D', start: '00:00', end: '00:00', days: [1, 2, 3, 4, 5, 6, 7], breaks: [{ name: 'Meal', start: '12:00', end: '12:30' }] }] };

before(async () => {
  ctx = await withStation();
  // The demo line with a hand bench that has no PLC.
  const line = demoLineWithHandBench();
  const eng = api(ctx.url);
  await eng.login('engineer');
  assert.equal((await eng.request('POST', '/line/setup', line)).status, 200);
});
after(async () => ctx.dispose());

test('the calendar: supervisors and engineers set it, a shift lead may not; a bad one is refused with the reason', async () => {
  const lead = api(ctx.url);
  await lead.login('lead');
  assert.equal((await lead.request('POST', '/oee/calendar', calendar)).status, 403);
  const eng = api(ctx.url);
  await eng.login('engineer');
  const bad = await eng.request('POST', '/oee/calendar', { ...calendar, timeZone: 'Atlantis/Capital' });
  assert.equal(bad.status, 400);
  assert.match(bad.body.message ?? '', /not a time zone/);
  const set = await eng.request('POST', '/oee/calendar', calendar);
  assert.equal(set.status, 200);
  const view = set.body as unknown as ProductionSettingsView;
  assert.deepEqual(view.handReported, ['WC90']);
  assert.equal(view.calendar?.shifts[0]?.name, 'D');
  assert.equal(view.calendarSet?.by, 'engineer');
  assert.equal((await lead.request('POST', '/oee/time-classes', { classes: { Held: 'delay' } })).status, 403, 'time classes are for engineers');
  assert.equal((await eng.request('POST', '/oee/time-classes', { classes: { Held: 'delay' } })).status, 200);
});

test('a shift lead reports the hand bench; impossible reports are refused; an operator may not report; OEE shows it', async () => {
  const op = api(ctx.url);
  await op.login('operator');
  assert.equal((await op.request('POST', '/production-reports', { workCenter: 'WC90', shift: `${today}/D`, produced: 10, downtimeMinutes: 0 })).status, 403);
  const lead = api(ctx.url);
  await lead.login('lead');
  const refused = await lead.request('POST', '/production-reports', { workCenter: 'WC90', shift: `${today}/D`, produced: 10, scrap: 11, downtimeMinutes: 0 });
  assert.equal(refused.status, 400);
  assert.match(refused.body.message ?? '', /more than the 10 pieces produced/);
  const plc = await lead.request('POST', '/production-reports', { workCenter: 'WC10', shift: `${today}/D`, produced: 10, downtimeMinutes: 0 });
  assert.equal(plc.status, 409);
  assert.match(plc.body.message ?? '', /counted by its PLC/);
  const ok = await lead.request('POST', '/production-reports', { workCenter: 'WC90', shift: `${today}/D`, produced: 120, scrap: 3, downtimeMinutes: 95, stops: 2 });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const again = await lead.request('POST', '/production-reports', { workCenter: 'WC90', shift: `${today}/D`, produced: 120, downtimeMinutes: 95 });
  assert.equal(again.status, 409);
  assert.match(again.body.message ?? '', /already reported/);

  const from = `${today}T00:00:00.000Z`;
  const to = new Date(Date.parse(from) + 86_400_000).toISOString();
  const r = await lead.request('GET', `/oee?by=shift&from=${from}&to=${to}&workCenter=WC90`);
  assert.equal(r.status, 200);
  const rows = (r.body as unknown as { rows: OeeRow[] }).rows;
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.source, 'report');
  assert.equal(rows[0]?.times.pbt, (24 * 60 - 30) * 60);
  assert.equal(rows[0]?.kpis.availability, (24 * 60 - 30 - 95) / (24 * 60 - 30));
  assert.equal(rows[0]?.kpis.quality, 117 / 120);
  const day = await lead.request('GET', `/oee?by=day&from=${from}&to=${to}`);
  const dayRows = (day.body as unknown as { rows: OeeRow[] }).rows;
  assert.deepEqual(dayRows.map((x) => x.workCenter), ['WC10', 'WC20', 'WC30', 'WC40', 'WC90', null]);
  assert.equal(dayRows.at(-1)?.source, 'mixed');
  const current = await lead.request('GET', '/oee/current');
  assert.equal((current.body as unknown as { shift: string }).shift, `${today}/D`);
  assert.equal((await lead.request('GET', `/oee?by=week&from=${from}&to=${to}`)).status, 400);
  assert.match((await lead.request('GET', `/oee?from=${to}&to=${from}`)).body.message ?? '', /"to" must be after "from"/);
});
