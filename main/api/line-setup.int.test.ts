import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, until, withStation } from '../../tests/support/station-harness';

// A plant station (no --simulate): it starts with no line and no products; an engineer sets the line up.
let ctx: Awaited<ReturnType<typeof withStation>>;
let admin: ReturnType<typeof api>;
before(async () => {
  ctx = await withStation({ demo: false });
  admin = api(ctx.url);
  const first = ctx.station.firstAdmin;
  assert.ok(first, 'a plant station creates its first administrator');
  await admin.login(first.username, first.password);
  // The one-time password is changed at the first sign-in; then the administrator works.
  const changed = await admin.request('POST', '/session/password', { currentPassword: first.password, newPassword: 'plant-admin-2026!' });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  await admin.login(first.username, 'plant-admin-2026!');
});
after(async () => ctx.dispose());

const setup = {
  site: { id: 'P2', name: 'Plant 2' },
  area: { id: 'PACK', name: 'Packaging' },
  line: {
    id: 'L7',
    name: 'Line 7',
    workCenters: [
      { id: 'FILL', name: 'Filler', description: 'Fills the bottles' },
      { id: 'CAP', name: 'Capper', packml: { RUN: 'Execute', STOP: 'Stopped' } },
    ],
  },
};
const product = {
  product: 'BTL-1',
  revision: 'A',
  bom: [],
  routing: [
    { seq: 10, name: 'Fill', workCenter: 'FILL', standardCycleSeconds: 2 },
    { seq: 20, name: 'Cap', workCenter: 'CAP', standardCycleSeconds: 1 },
  ],
};

test('a station started without --simulate has no line and no products, and says what to do', async () => {
  const line = (await admin.request('GET', '/line')).body;
  assert.equal(line.line, null);
  assert.deepEqual(line.workCenters, []);
  assert.equal((await admin.request('GET', '/line/setup')).body, null);
  assert.deepEqual((await admin.request('GET', '/products')).body, []);
  const early = await admin.request('POST', '/master-data', { products: [product] });
  assert.equal(early.status, 409);
  assert.match(String(early.body.message), /No line is set up on this station yet.*Line setup/);
});

test('an engineer sets up the line; the change is recorded with who, before and after, and mirrored to line.json', async () => {
  const r = await admin.request('POST', '/line/setup', setup);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const line = (await admin.request('GET', '/line')).body as unknown as { line: { id: string }; workCenters: { id: string; position: number }[] };
  assert.equal(line.line.id, 'L7');
  assert.deepEqual(line.workCenters.map((w) => [w.id, w.position]), [['FILL', 0], ['CAP', 1]]);
  const events = (await admin.request('GET', '/events?limit=1000')).body as unknown as { type: string; actor: string; data: { before: unknown; after: { line: { id: string } } } }[];
  const configured = events.filter((e) => e.type === 'LineConfigured');
  assert.equal(configured.length, 1);
  assert.equal(configured[0]?.actor, 'admin');
  assert.equal(configured[0]?.data.before, null);
  assert.equal(configured[0]?.data.after.line.id, 'L7');
  const file = JSON.parse(readFileSync(join(ctx.dataDir, 'line.json'), 'utf8')) as { line: { workCenters: { id: string }[] } };
  assert.deepEqual(file.line.workCenters.map((w) => w.id), ['FILL', 'CAP']);
  // Products can now be defined on it.
  assert.equal((await admin.request('POST', '/master-data', { products: [product] })).status, 200);
});

test('a work center that orders still use is not removed, and the refusal says which; a bad setup says where', async () => {
  assert.equal((await admin.request('POST', '/orders', { number: 'PO-7', product: 'BTL-1', revision: 'A', quantity: 5, dueDate: '2026-12-31' })).status, 200);
  const without = { ...setup, line: { ...setup.line, workCenters: [setup.line.workCenters[0]] } };
  const r = await admin.request('POST', '/line/setup', without);
  assert.equal(r.status, 409);
  assert.match(String(r.body.message), /CAP \(order PO-7\)/);
  const twice = await admin.request('POST', '/line/setup', { ...setup, line: { ...setup.line, workCenters: [setup.line.workCenters[0], setup.line.workCenters[0]] } });
  assert.equal(twice.status, 400);
  assert.match(String(twice.body.message), /FILL is on the line twice/);
  const renamed = await admin.request('POST', '/line/setup', { ...setup, line: { ...setup.line, id: 'L8' } });
  assert.equal(renamed.status, 400);
});

test('a hand edit of line.json is applied live and recorded as the file’s change', async () => {
  const edited = { ...setup, line: { ...setup.line, name: 'Line 7 (bottling)', workCenters: [...setup.line.workCenters, { id: 'LBL', name: 'Labeller' }] } };
  writeFileSync(join(ctx.dataDir, 'line.json'), JSON.stringify(edited, null, 2));
  const line = await until('the edited file applied', async () => {
    const v = (await admin.request('GET', '/line')).body as unknown as { line: { name: string }; workCenters: { id: string }[] };
    return v.line.name === 'Line 7 (bottling)' ? v : undefined;
  });
  assert.deepEqual(line.workCenters.map((w) => w.id), ['FILL', 'CAP', 'LBL']);
  const events = (await admin.request('GET', '/events?limit=1000')).body as unknown as { type: string; actor: string }[];
  assert.match(events.filter((e) => e.type === 'LineConfigured').pop()?.actor ?? '', /^line file line\.json \(owner [\w-]+\)$/);
});

test('on a demo station an operator may read the line setup but not change it', async () => {
  const demo = await withStation();
  try {
    const op = api(demo.url);
    await op.login('operator');
    const current = (await op.request('GET', '/line/setup')).body as unknown as { line: { id: string } };
    assert.equal(current.line.id, 'L1');
    const r = await op.request('POST', '/line/setup', current);
    assert.equal(r.status, 403);
  } finally {
    await demo.dispose();
  }
});
