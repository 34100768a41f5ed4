import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ShiftCalendar, findShift } from './calendar';
import { ProductionReportInput, productionReportDecider, type ProductionReportEvent, type ReportProduction } from './production-report';
import { fold } from '../shared/decider';

const calendar = ShiftCalendar.parse({ timeZone: 'UTC', shifts: [{ name: 'A', start: '06:00', end: '14:00', breaks: [{ start: '10:00', end: '10:30' }] }] });
const ctx = { actor: 'lead', at: '2026-12-07T14:05:00.000Z', correlationId: 'c1' };
const command = (report: Partial<ProductionReportInput>, o: Partial<ReportProduction> = {}): ReportProduction => {
  const r = ProductionReportInput.parse({ workCenter: 'WC40', shift: '2026-12-07/A', produced: 400, downtimeMinutes: 20, ...report });
  return { type: 'ReportProduction', report: r, line: 'L1', known: true, machineCounted: false, shift: findShift(calendar, r.shift), hasCalendar: true, order: null, ...o };
};
const decide = (c: ReportProduction, given: ProductionReportEvent[] = []) => productionReportDecider.decide(c, fold(productionReportDecider, given), ctx);
const why = (d: ReturnType<typeof decide>) => (d.ok ? 'accepted' : d.error.message);

test('a shift lead reports a shift by hand: good is what is neither scrapped nor reworked; the shift as the calendar has it', () => {
  const d = decide(command({ scrap: 7, rework: 3, stops: 2, note: 'hand count' }));
  assert.ok(d.ok);
  assert.deepEqual(d.events[0]?.data, {
    workCenter: 'WC40', line: 'L1', shift: '2026-12-07/A', start: '2026-12-07T06:00:00.000Z', end: '2026-12-07T14:00:00.000Z',
    produced: 400, good: 390, scrap: 7, rework: 3, downtimeSeconds: 1200, stops: 2, note: 'hand count', order: null, idealCycleSeconds: null, replaced: null,
  });
  const withOrder = decide(command({ order: 'PO-7' }, { order: { idealCycleSeconds: 45 } }));
  assert.ok(withOrder.ok);
  assert.deepEqual([withOrder.events[0]?.data.order, withOrder.events[0]?.data.idealCycleSeconds], ['PO-7', 45], 'the order names the ideal cycle time');
});

test('impossible reports are refused, each with its reason', () => {
  assert.match(why(decide(command({ scrap: 300, rework: 101 }))), /300 scrapped and 101 reworked is more than the 400 pieces produced/);
  assert.match(why(decide(command({ downtimeMinutes: 451 }))), /451 minutes down is more than shift 2026-12-07\/A's 450 minutes of planned production/);
  assert.match(why(decide(command({ shift: '2026-12-06/A' }))), /no shift 2026-12-06\/A/, 'a Sunday');
  assert.match(why(decide(command({ shift: '2026-12-08/A' }))), /has not begun yet/);
  assert.match(why(decide(command({}, { machineCounted: true }))), /counted by its PLC/);
  assert.match(why(decide(command({}, { known: false }))), /not on line L1/);
  assert.match(why(decide(command({}, { hasCalendar: false, shift: null }))), /no shift calendar yet/);
  assert.match(why(decide(command({ order: 'PO-X' }))), /no order PO-X/);
  assert.match(why(decide(command({ order: 'PO-7' }, { order: { idealCycleSeconds: null } }))), /no operation at WC40/);
  assert.ok(decide(command({ downtimeMinutes: 450 })).ok, 'down the whole planned time is possible');
});

test('a second report for the same shift must say it replaces the first; then it records what it replaced', () => {
  const first = decide(command({ produced: 400, scrap: 4 }));
  assert.ok(first.ok);
  const given = [...first.events];
  assert.match(why(decide(command({ produced: 410 }), given)), /already reported \(400 produced, 20 min down\)\. To correct it, say the new report replaces it/);
  const second = decide(command({ produced: 410, replaces: true }), given);
  assert.ok(second.ok);
  assert.deepEqual(second.events[0]?.data.replaced, { produced: 400, scrap: 4, rework: 0, downtimeSeconds: 1200 });
});

test('a report is a whole, non-negative count', () => {
  for (const bad of [{ produced: -1 }, { produced: 1.5 }, { scrap: -2 }, { downtimeMinutes: -5 }]) {
    assert.equal(ProductionReportInput.safeParse({ workCenter: 'WC40', shift: '2026-12-07/A', produced: 1, downtimeMinutes: 0, ...bad }).success, false, JSON.stringify(bad));
  }
});
