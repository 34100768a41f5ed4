import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AsBuiltView, ChangeDispositionView, EventView, ImpactView, InstructionCardView, LineView, OrderView, ProductDefinition, TerminalView, WipItem } from '../../core';
import { api, withStation } from '../../tests/support/station-harness';

// An engineering change carried into units in work, unit by unit, at the operator terminals of a line without a PLC:
// rev C adds a gasket at operation 20 and tightens the leak limit at 30. Four units of one order stand at four places
// when it is approved: each gets its own outcome, the as-built record says which revision each attempt was built to.

let ctx: Awaited<ReturnType<typeof withStation>>;
let sup: ReturnType<typeof api>;
let engineer: ReturnType<typeof api>;
let op: ReturnType<typeof api>;
let serials: string[];

const readings: Record<string, [string, number]> = { WC10: ['Press force', 12], WC20: ['Torque', 8], WC30: ['Leak rate', 0.3], WC40: ['Weight', 250] };
let lot = 0;

/** At the terminal: start the unit at the work center, scan what is missing, complete with a good reading. */
async function build(serial: string, wc: string, finish = true): Promise<void> {
  const started = await op.request('POST', `/units/${serial}/start`, { workCenter: wc });
  assert.equal(started.status, 200, JSON.stringify(started.body));
  const view = (await op.request('GET', `/terminal/${wc}`)).body as unknown as TerminalView;
  for (const c of view.current?.components ?? []) {
    if (c.scanned < c.quantity) assert.equal((await op.request('POST', `/units/${serial}/lots`, { workCenter: wc, material: c.material, revision: c.revision, lot: `L-${++lot}` })).status, 200);
  }
  if (!finish) return;
  const [name, value] = readings[wc]!;
  const done = await op.request('POST', `/units/${serial}/complete`, { workCenter: wc, readings: [{ name, value }] });
  assert.equal(done.body.result, 'pass', JSON.stringify(done.body));
}

before(async () => {
  ctx = await withStation();
  sup = api(ctx.url);
  await sup.login('supervisor');
  engineer = api(ctx.url);
  await engineer.login('engineer');
  op = api(ctx.url);
  await op.login('operator');
  await sup.request('POST', '/orders', { number: 'CP-1', product: 'VLV-100', revision: 'B', quantity: 5, dueDate: '2026-12-24' });
  await sup.request('POST', '/orders/CP-1/release', {});
  await sup.request('POST', '/orders/CP-1/dispatch', {});
  serials = [];
  for (let i = 0; i < 4; i++) serials.push(((await op.request('POST', '/line/next-unit', {})).body as { serial: string }).serial);
  const [, s2, s3, s4] = serials as [string, string, string, string];
  // s1 waits at 10; s2 is in operation 20; s3 has done 20 and waits at 30; s4 has done 30 and waits at 40.
  for (const wc of ['WC10', 'WC20', 'WC30']) await build(s4, wc);
  for (const wc of ['WC10', 'WC20']) await build(s3, wc);
  await build(s2, 'WC10');
  await build(s2, 'WC20', false);

  await engineer.request('POST', '/master-data', { materials: [{ id: 'GSK-10', revision: 'A', description: 'Gasket' }] });
  const revB = ((await engineer.request('GET', '/products')).body as unknown as ProductDefinition[]).find((p) => p.product === 'VLV-100' && p.revision === 'B')!;
  const revC: ProductDefinition = {
    ...revB,
    revision: 'C',
    bom: [...revB.bom, { material: 'GSK-10', revision: 'A', quantity: 1 }],
    routing: revB.routing.map((o) =>
      o.seq === 20
        ? { ...o, components: [...o.components, { material: 'GSK-10', quantity: 1 }] }
        : o.seq === 30
          ? { ...o, measurements: o.measurements.map((m) => ({ ...m, high: 0.5 })) }
          : o,
    ),
  };
  const posted = await engineer.request('POST', '/changes', { number: 'ECN-7', reason: 'Seal leaks in the field', definition: revC });
  assert.equal(posted.status, 200, JSON.stringify(posted.body));
});
after(async () => ctx.dispose());

test('before approval: each unit with its outcome and the dispositions open to it; a disposition not open to a unit is refused', async () => {
  const [s1, s2, s3, s4] = serials as [string, string, string, string];
  const impact = (await sup.request('GET', '/changes/ECN-7/impact')).body as unknown as ImpactView;
  const of = (s: string) => impact.units.find((u) => u.serial === s)!;
  assert.deepEqual([of(s1).outcome.kind, of(s2).outcome.kind, of(s3).outcome.kind, of(s4).outcome.kind], ['continue-on-new', 'at-changed-operation', 'needs-disposition', 'needs-disposition']);
  assert.deepEqual(of(s2).options, ['finish-as-started', 'restart-on-new']);
  assert.deepEqual(of(s3).options, ['hold', 'rework', 'accept-with-deviation', 'scrap']);

  const wrong = await sup.request('POST', '/changes/ECN-7/dispositions', { choices: [{ serial: s1, disposition: 'scrap', reason: 'x' }] });
  assert.equal(wrong.status, 400);
  assert.match(wrong.body.message ?? '', new RegExp(`${s1} can be given continue here, not scrap`));
  const noReason = await sup.request('POST', '/changes/ECN-7/dispositions', { choices: [{ serial: s3, disposition: 'accept-with-deviation' }] });
  assert.match(noReason.body.message ?? '', /a reason is required/);
  const operator = await op.request('POST', '/changes/ECN-7/dispositions', { choices: [{ serial: s3, disposition: 'rework' }] });
  assert.equal(operator.status, 403, 'an operator does not disposition units');

  // Chosen, then changed before approval: the last choice counts.
  for (const d of ['scrap', 'rework']) {
    const r = await sup.request('POST', '/changes/ECN-7/dispositions', { choices: [{ serial: s3, disposition: d, reason: 'judged' }, { serial: s2, disposition: 'restart-on-new' }] });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  const again = (await sup.request('GET', '/changes/ECN-7/impact')).body as unknown as ImpactView;
  assert.deepEqual(again.units.find((u) => u.serial === s3)?.chosen, { disposition: 'rework', reason: 'judged' });
});

test('the work instruction cards of the new revision come from the model, marked with what the change altered', async () => {
  const cards = (await op.request('GET', '/products/VLV-100/revisions/C/instructions')).body as unknown as InstructionCardView[];
  assert.deepEqual(cards.map((c) => [c.operation, c.changed?.what ?? null]), [
    [10, null],
    [20, ['new component: GSK-10 rev A × 1']],
    [30, ['check changed: Leak rate 0…1 ml/min → Leak rate 0…0.5 ml/min']],
    [40, null],
  ]);
  assert.deepEqual(cards[1]?.components.find((c) => c.material === 'GSK-10'), { material: 'GSK-10', revision: 'A', quantity: 1, description: 'Gasket' });
  assert.equal((await op.request('GET', '/products/VLV-100/revisions/Z/instructions')).status, 404);
});

test('approved: each unit gets its outcome in one transaction; a held unit is flagged and refused at the terminal until decided', async () => {
  const [s1, s2, s3, s4] = serials as [string, string, string, string];
  const approved = await engineer.request('POST', '/changes/ECN-7/approve', {});
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  const decision = ((await sup.request('GET', '/events?stream=change:ECN-7')).body as unknown as EventView[]).find((e) => e.type === 'ChangeApproved');
  assert.deepEqual(decision?.data, { number: 'ECN-7', product: 'VLV-100', revision: 'C', ordersMoved: [], ordersContinuing: ['CP-1'], units: { continue: 1, 'restart-on-new': 1, rework: 1, hold: 1 } });
  const history = (await sup.request('GET', '/events?stream=order:CP-1')).body as unknown as EventView[];
  assert.deepEqual(history.find((e) => e.type === 'OrderRevisionChanged')?.data, { number: 'CP-1', from: 'B', to: 'C', change: 'ECN-7', unitsStarted: 4 });

  const dispositions = (await sup.request('GET', '/changes/ECN-7/dispositions')).body as unknown as ChangeDispositionView[];
  assert.deepEqual(
    dispositions.map((d) => [d.serial, d.chosen, d.applied]),
    [[s1, null, 'continue'], [s2, 'restart-on-new', 'restart-on-new'], [s3, 'rework', 'rework'], [s4, null, 'hold']],
  );

  // s2 was in operation 20: that attempt ended, interrupted, built to B; it waits at 20 again, on C.
  const r2 = (await op.request('GET', `/units/${s2}`)).body as unknown as AsBuiltView;
  assert.deepEqual(r2.operations.map((o) => [o.operation, o.result, o.revision]), [[10, 'pass', 'B'], [20, 'interrupted', 'B']]);
  assert.equal(r2.revision, 'C');
  assert.deepEqual(r2.revisions.map((r) => [r.change, r.from, r.to, r.disposition]), [['ECN-7', 'B', 'C', 'restart-on-new']]);

  // s4 is held: flagged at the terminal, refused there, until someone decides.
  const wc40 = (await op.request('GET', '/terminal/WC40')).body as unknown as TerminalView;
  assert.equal(wc40.waiting.find((w) => w.serial === s4)?.heldFor, 'ECN-7');
  // Flagged on the mimic (the work center's count, the units table) and on the order board, until decided.
  const line = (await sup.request('GET', '/line')).body as unknown as LineView;
  assert.equal(line.workCenters.find((w) => w.id === 'WC40')?.held, 1);
  assert.equal(((await sup.request('GET', '/wip')).body as unknown as WipItem[]).find((w) => w.serial === s4)?.heldFor, 'ECN-7');
  const board = ((await sup.request('GET', '/orders')).body as unknown as OrderView[]).find((o) => o.number === 'CP-1');
  assert.deepEqual(board?.hints.filter((h) => h.kind === 'disposition'), [{ kind: 'disposition', text: '1 unit(s) held for a disposition under change ECN-7.' }]);
  const refused = await op.request('POST', `/units/${s4}/start`, { workCenter: 'WC40' });
  assert.equal(refused.status, 409);
  assert.match(refused.body.message ?? '', /held for a disposition under change ECN-7/);
  assert.equal((await op.request('POST', `/units/${s4}/disposition`, { disposition: 'rework' })).status, 403, 'an operator does not decide it');
  const noReason = await sup.request('POST', `/units/${s4}/disposition`, { disposition: 'accept-with-deviation' });
  assert.match(noReason.body.message ?? '', /a reason is required/);
  const decided = await sup.request('POST', `/units/${s4}/disposition`, { disposition: 'accept-with-deviation', reason: 'Leak 0.3 ml/min meets rev C too; gasket waived by QA-112' });
  assert.equal(decided.status, 200, JSON.stringify(decided.body));
  assert.equal((await sup.request('POST', `/units/${s4}/disposition`, { disposition: 'rework' })).status, 409, 'decided once');
  assert.equal(((await sup.request('GET', '/line')).body as unknown as LineView).workCenters.find((w) => w.id === 'WC40')?.held, 0);
  const after = ((await sup.request('GET', '/orders')).body as unknown as OrderView[]).find((o) => o.number === 'CP-1');
  assert.equal(after?.hints.some((h) => h.kind === 'disposition'), false, 'the flag goes once decided');
  await build(s4, 'WC40');
  const r4 = (await op.request('GET', `/units/${s4}`)).body as unknown as AsBuiltView;
  assert.equal(r4.status, 'completed');
  assert.deepEqual(r4.operations.map((o) => [o.operation, o.revision]), [[10, 'B'], [20, 'B'], [30, 'B'], [40, 'C']]);
  assert.match(r4.revisions[0]?.reason ?? '', /QA-112/);
});

test('a unit before the changed operation gets the new component and check at its terminal, what changed marked; one past it is reworked', async () => {
  const [s1, , s3] = serials as [string, string, string];
  await build(s1, 'WC10');
  await build(s1, 'WC20', false);
  const wc20 = (await op.request('GET', '/terminal/WC20')).body as unknown as TerminalView;
  assert.equal(wc20.current?.serial, s1);
  assert.equal(wc20.current?.operation.revision, 'C');
  assert.deepEqual(wc20.current?.operation.changed, { change: 'ECN-7', from: 'B', what: ['new component: GSK-10 rev A × 1'] });
  assert.ok(wc20.current?.components.some((c) => c.material === 'GSK-10' && c.revision === 'A' && c.scanned === 1), 'the new component was asked for and scanned');
  const [name, value] = readings.WC20!;
  assert.equal((await op.request('POST', `/units/${s1}/complete`, { workCenter: 'WC20', readings: [{ name, value }] })).body.result, 'pass');
  await op.request('POST', `/units/${s1}/start`, { workCenter: 'WC30' });
  const wc30 = (await op.request('GET', '/terminal/WC30')).body as unknown as TerminalView;
  assert.deepEqual(wc30.current?.operation.changed?.what, ['check changed: Leak rate 0…1 ml/min → Leak rate 0…0.5 ml/min']);
  assert.deepEqual(wc30.current?.measurements.map((m) => m.high), [0.5]);
  const leaky = await op.request('POST', `/units/${s1}/complete`, { workCenter: 'WC30', readings: [{ name: 'Leak rate', value: 0.7 }] });
  assert.equal(leaky.body.result, 'fail', 'the new limit is the one judged');

  // s3 had done 20 on B: reworked from 20 on C; only the gasket is new to scan (the bonnet and screws are in it).
  const due = await op.request('POST', `/units/${s3}/start`, { workCenter: 'WC30' });
  assert.match(due.body.message ?? '', /due at operation 20/);
  await op.request('POST', `/units/${s3}/start`, { workCenter: 'WC20' });
  const view = (await op.request('GET', '/terminal/WC20')).body as unknown as TerminalView;
  assert.deepEqual(view.current?.components.filter((c) => c.scanned < c.quantity).map((c) => c.material), ['GSK-10']);
  await build(s3, 'WC20');
  for (const wc of ['WC30', 'WC40']) await build(s3, wc);
  const r3 = (await op.request('GET', `/units/${s3}`)).body as unknown as AsBuiltView;
  assert.equal(r3.status, 'completed');
  assert.deepEqual(
    r3.operations.map((o) => [o.operation, o.attempt, o.revision]),
    [[10, 1, 'B'], [20, 1, 'B'], [20, 2, 'C'], [30, 1, 'C'], [40, 1, 'C']],
    'its as-built record shows both revisions',
  );
});
