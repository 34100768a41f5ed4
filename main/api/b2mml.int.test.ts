import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OrderView } from '../../core';
import { projectRoot } from '../../tests/support/station-fixtures';
import { withStation } from '../../tests/support/station-harness';

const fixture = (name: string) => readFileSync(join(projectRoot, 'tests', 'fixtures', 'b2mml', name), 'utf8');
/** Public B2MML examples kept as fixtures (source and license: tests/fixtures/standards/README.md). */
const standard = (p: string) => readFileSync(join(projectRoot, 'tests', 'fixtures', 'standards', 'b2mml', p), 'utf8');

describe('B2MML order intake over POST /api/v1/b2mml', () => {
  let ctx: Awaited<ReturnType<typeof withStation>>;
  let token = '';
  before(async () => {
    ctx = await withStation();
    const r = await fetch(`${ctx.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"supervisor","password":"supervisor"}' });
    token = ((await r.json()) as { token: string }).token;
  });
  after(async () => ctx.dispose());

  const post = async (xml: string, query = '') => {
    const r = await fetch(`${ctx.url}/api/v1/b2mml${query}`, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` }, body: xml });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> & { message?: string } };
  };
  const orders = async () =>
    (await (await fetch(`${ctx.url}/api/v1/orders?status=all`, { headers: { authorization: `Bearer ${token}` } })).json()) as OrderView[];

  test('a schedule is imported whole; sent again, nothing is duplicated', async () => {
    const first = await post(fixture('v0600-valve-schedule.xml'));
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual(first.body.received, ['PO-B2M-1', 'PO-B2M-2']);
    assert.equal(first.body.version, 'V0600');
    const again = await post(fixture('v0600-valve-schedule.xml'));
    assert.deepEqual(again.body.received, []);
    assert.deepEqual(again.body.unchanged, ['PO-B2M-1', 'PO-B2M-2']);
    const mine = (await orders()).filter((o) => o.number.startsWith('PO-B2M-'));
    assert.deepEqual(
      mine.map((o) => [o.number, o.product, o.revision, o.quantity, o.priority]),
      [['PO-B2M-1', 'VLV-100', 'B', 12, 3], ['PO-B2M-2', 'VLV-200', 'A', 8, 5]],
    );
  });

  test('the same order number with other content refuses the whole message, saying which', async () => {
    const changed = fixture('v0600-valve-schedule.xml').replace('<QuantityString>12</QuantityString>', '<QuantityString>13</QuantityString>').replace(/PO-B2M-2/g, 'PO-B2M-3');
    const r = await post(changed);
    assert.equal(r.status, 409);
    assert.match(r.body.message ?? '', /PO-B2M-1 is already on this station with other content/);
    assert.ok(!(await orders()).some((o) => o.number === 'PO-B2M-3'), 'nothing of the message was applied');
  });

  test('a real ERP schedule for products this station does not build is refused whole, with the reason', async () => {
    const r = await post(standard('examples-v0401-courbon/PRO-20121210181416-27942.xml'), '?defaultDueDate=2026-12-01');
    assert.equal(r.status, 400);
    assert.match(r.body.message ?? '', /Product SO1215 revision A is not defined on this station/);
  });

  test('a performance report is not an order message: refused with where and why', async () => {
    const r = await post(standard('examples-v0401-courbon/PES-20121229115825-53107.xml'));
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 'b2mml_invalid');
    assert.match(r.body.message ?? '', /ProductionPerformance/);
    assert.equal(typeof (r.body.details as { line?: unknown } | undefined)?.line, 'number');
  });

  test('DOCTYPEs and external entities are refused', async () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<ProductionSchedule xmlns="http://www.mesa.org/xml/B2MML-V0600"><ID>&e;</ID></ProductionSchedule>`;
    const r = await post(xxe);
    assert.equal(r.status, 400);
    assert.match(r.body.message ?? '', /DOCTYPE/);
    assert.ok(!JSON.stringify(r.body).includes('root:'), 'no file content leaks into the answer');
  });

  test('only roles that may create orders may import', async () => {
    const login = await fetch(`${ctx.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"operator","password":"operator"}' });
    const op = ((await login.json()) as { token: string }).token;
    const r = await fetch(`${ctx.url}/api/v1/b2mml`, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${op}` }, body: fixture('v0600-valve-schedule.xml') });
    assert.equal(r.status, 403);
  });
});
