import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEntry } from '../../core';
import { api, withStation } from '../../tests/support/station-harness';

// The audit trail for people: who, what, when, why, before and after, signatures; filtered; exported for an auditor
// as CSV and PDF with the chain's state and the checkpoint to keep.

let ctx: Awaited<ReturnType<typeof withStation>>;
const trail = async (client: ReturnType<typeof api>, query: string) =>
  (await client.request('GET', `/audit/trail?${query}`)).body as unknown as { entries: AuditEntry[]; more: boolean };

before(async () => {
  ctx = await withStation();
  const sup = api(ctx.url);
  await sup.login('supervisor');
  await sup.request('POST', '/orders', { number: 'AT-1', product: 'VLV-100', revision: 'B', quantity: 2, dueDate: '2026-12-24' });
  await sup.request('POST', '/orders/AT-1/release', {});
  await sup.request('POST', '/orders/AT-1/hold', { reason: 'awaiting first article' });
  const admin = api(ctx.url);
  await admin.login('admin');
  const policy = (await admin.request('GET', '/account-policy')).body as { password: { minLength: number } };
  await admin.request('POST', '/account-policy', { ...policy, password: { ...policy.password, minLength: 14 } });
});
after(async () => ctx.dispose());

test('each entry says who, what, when and why, with its signatures; filters by object, user, type and time', async () => {
  const auditor = api(ctx.url);
  await auditor.login('auditor');
  const order = await trail(auditor, 'objectKind=order&objectId=AT-1');
  assert.deepEqual(
    order.entries.map((e) => e.type),
    ['OrderHeld', 'OrderReleased', 'OrderReceived'],
    'newest first',
  );
  const held = order.entries[0]!;
  assert.equal(held.actor, 'supervisor');
  assert.equal(held.actorName, 'Demo supervisor');
  assert.equal(held.why, 'awaiting first article');
  assert.deepEqual(held.object, { kind: 'order', id: 'AT-1' });
  const released = order.entries[1]!;
  assert.match(released.signatures[0]?.manifestation ?? '', /^Approved by Demo supervisor \(supervisor, supervisor\)/);

  const byType = await trail(auditor, 'type=OrderReleased&user=supervisor');
  assert.deepEqual(byType.entries.map((e) => e.seq), [released.seq]);
  const future = await trail(auditor, `objectKind=order&objectId=AT-1&from=${encodeURIComponent('2099-01-01T00:00:00.000Z')}`);
  assert.equal(future.entries.length, 0);
  const paged = await trail(auditor, 'limit=2');
  assert.equal(paged.entries.length, 2);
  assert.equal(paged.more, true);
  const next = await trail(auditor, `limit=2&before=${paged.entries[1]!.seq}`);
  assert.ok(next.entries.length > 0 && next.entries.every((e) => e.seq < paged.entries[1]!.seq));
});

test('the performance reports for ERP carry the signatures as people with their manifestation (V0600 and V7)', async () => {
  const auditor = api(ctx.url);
  await auditor.login('auditor');
  for (const format of ['v0600', 'v7']) {
    const { xml } = (await auditor.request('GET', `/orders/AT-1/performance?format=${format}`)).body as { xml: string };
    const person = /<PersonnelActual>([\s\S]*?)<\/PersonnelActual>/.exec(xml)?.[1] ?? '';
    assert.match(person, /<PersonnelClassID>supervisor<\/PersonnelClassID>\s*<PersonID>supervisor<\/PersonID>/, format);
    assert.match(person, /<Description>Approved by Demo supervisor \(supervisor, supervisor\) \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/, format);
    if (format === 'v7') assert.match(person, /<PersonnelUse>approved<\/PersonnelUse>/);
  }
});

test('configuration and users show before and after; sign-ins are for auditors, quality and administrators only', async () => {
  const auditor = api(ctx.url);
  await auditor.login('auditor');
  const policy = (await trail(auditor, 'type=AccountPolicyChanged')).entries[0];
  assert.equal((policy?.change?.before as { password: { minLength: number } }).password.minLength, 12);
  assert.equal((policy?.change?.after as { password: { minLength: number } }).password.minLength, 14);
  assert.equal(policy?.signatures[0]?.action, 'user.administer');
  assert.ok((await trail(auditor, 'type=SignedIn')).entries.length > 0, 'an auditor sees the sign-ins');
  const op = api(ctx.url);
  await op.login('operator');
  assert.equal((await trail(op, 'type=SignedIn')).entries.length, 0, 'an operator does not');
});

test('the auditor exports the trail as CSV and as PDF, each with the chain state and the checkpoint', async () => {
  const auditor = api(ctx.url);
  await auditor.login('auditor');
  const csv = (await auditor.request('GET', '/audit/export?format=csv&objectKind=order&objectId=AT-1')).body as {
    fileName: string; base64: string; entries: number; checkpoint: string;
  };
  assert.match(csv.fileName, /^audit-.*\.csv$/);
  assert.equal(csv.entries, 3);
  const text = Buffer.from(csv.base64, 'base64').toString('utf8');
  assert.match(text, /^# Audit report, station .* by Demo auditor \(auditor\)/);
  assert.match(text, /# Record: intact: \d+ events verified/);
  assert.match(text, new RegExp(`# Checkpoint \\(keep it; mes verify --checkpoint\\): ${csv.checkpoint}`));
  assert.match(csv.checkpoint, /^\d+:[0-9a-f]{64}$/);
  const lines = text.trim().split('\r\n');
  assert.equal(lines.filter((l) => !l.startsWith('#')).length, 1 + 3, 'a header row and one row per entry');
  assert.match(text, /OrderReleased,.*Approved by Demo supervisor/);

  const pdf = (await auditor.request('GET', '/audit/export?format=pdf&objectKind=order&objectId=AT-1')).body as { base64: string; contentType: string };
  assert.equal(pdf.contentType, 'application/pdf');
  const bytes = Buffer.from(pdf.base64, 'base64');
  const latin = bytes.toString('latin1');
  assert.ok(latin.startsWith('%PDF-1.4'));
  assert.ok(latin.trimEnd().endsWith('%%EOF'));
  // The cross-reference table is where startxref says, and each object where the table says.
  const startxref = Number(/startxref\n(\d+)\n/.exec(latin)?.[1]);
  assert.equal(latin.slice(startxref, startxref + 4), 'xref');
  const offsets = [...latin.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
  assert.ok(offsets.length > 0, 'the cross-reference table lists the objects');
  offsets.forEach((o, i) => assert.equal(latin.slice(o, o + `${i + 1} 0 obj`.length), `${i + 1} 0 obj`));
  assert.match(latin, /Signed: Approved by Demo supervisor \\\(supervisor, supervisor\\\)/);
  assert.match(latin, /Record: intact/);
  assert.match(latin, /Checkpoint \\\(keep it; mes verify --checkpoint\\\): \d+:[0-9a-f]{64}/);
});
