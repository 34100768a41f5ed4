import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_SIGNATURE_POLICY, type EventView } from '../../core';
import { api, withStation } from '../../tests/support/station-harness';
import { chainedRow, hashEvent, type RawEventRow } from '../store/chain';
import { verifyChain } from '../store';

// Electronic signatures (21 CFR Part 11) through the API: asked for, refused without, checked like a sign-in (wrong
// passwords lock the account), two-person where configured, recorded with every event of the action, bound to it.

const order = (number: string) => ({ number, product: 'VLV-100', revision: 'B', quantity: 2, dueDate: '2026-12-24' });

async function eventsOf(client: ReturnType<typeof api>, stream: string): Promise<EventView[]> {
  return (await client.request('GET', `/events?stream=${encodeURIComponent(stream)}`)).body as unknown as EventView[];
}

test('a release needs the supervisor signature: refused without it, the first signing takes user name and password, later ones the password', { timeout: 60_000 }, async () => {
  const ctx = await withStation();
  try {
    const sup = api(ctx.url, { sign: false });
    await sup.login('supervisor');
    assert.equal((await sup.request('POST', '/orders', order('SG-1'))).status, 200);

    const bare = await sup.request('POST', '/orders/SG-1/release', {});
    assert.equal(bare.status, 428);
    assert.equal(bare.body.code, 'signature_required');
    assert.match(bare.body.message ?? '', /Release an order needs your electronic signature \(Approved\)\. Nothing was done/);
    assert.deepEqual(bare.body.details, { action: 'order.release', actionLabel: 'Release an order', meaning: 'approved', usernameRequired: true, second: null });
    const still = (await sup.request('GET', '/orders')).body as unknown as { number: string; status: string }[];
    assert.equal(still.find((o) => o.number === 'SG-1')?.status, 'received', 'nothing was done');

    const noName = await sup.request('POST', '/orders/SG-1/release', { signatures: [{ password: 'supervisor' }] });
    assert.equal(noName.status, 428, 'the first signing of a session takes the user name too (11.200(a)(1))');
    const asOther = await sup.request('POST', '/orders/SG-1/release', { signatures: [{ username: 'admin', password: 'admin' }] });
    assert.equal(asOther.status, 403);
    assert.equal(asOther.body.code, 'signature_invalid');
    assert.match(asOther.body.message ?? '', /You sign as yourself \(supervisor\)/);
    const wrongMeaning = await sup.request('POST', '/orders/SG-1/release', { signatures: [{ username: 'supervisor', password: 'supervisor', meaning: 'reviewed' }] });
    assert.match(wrongMeaning.body.message ?? '', /signed as Approved, not Reviewed/);

    const signed = await sup.request('POST', '/orders/SG-1/release', { signatures: [{ username: 'supervisor', password: 'supervisor' }] });
    assert.equal(signed.status, 200, JSON.stringify(signed.body));
    const released = (await eventsOf(sup, 'order:SG-1')).find((e) => e.type === 'OrderReleased');
    assert.equal(released?.signatures.length, 1);
    const s = released!.signatures[0]!;
    assert.deepEqual({ username: s.username, name: s.name, role: s.role, meaning: s.meaning, action: s.action, at: s.at }, {
      username: 'supervisor',
      name: 'Demo supervisor',
      role: 'supervisor',
      meaning: 'approved',
      action: 'order.release',
      at: released!.at,
    });
    // Manifestation (11.50): printed name, date and time in UTC and in the station's local time, and the meaning.
    assert.match(s.manifestation, /^Approved by Demo supervisor \(supervisor, supervisor\) \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [A-Z+\-0-9:]+\)$/);

    // The session has signed once: the password alone signs now.
    assert.equal((await sup.request('POST', '/orders', order('SG-2'))).status, 200);
    const again = await sup.request('POST', '/orders/SG-2/release', { signatures: [{ password: 'supervisor' }] });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    // A hold needs none; the resume from it does.
    assert.equal((await sup.request('POST', '/orders/SG-2/hold', { reason: 'seal check' })).status, 200);
    assert.equal((await sup.request('POST', '/orders/SG-2/resume', {})).status, 428);
    assert.equal((await sup.request('POST', '/orders/SG-2/resume', { signatures: [{ password: 'supervisor' }] })).status, 200);

    // Who may not do the action is told so before being asked to sign.
    const op = api(ctx.url, { sign: false });
    await op.login('operator');
    const refused = await op.request('POST', '/orders/SG-2/cancel', { reason: 'x' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'forbidden');
  } finally {
    await ctx.dispose();
  }
});

test('wrong passwords in signing count toward the lockout: the account locks, and then cannot sign in either', { timeout: 60_000 }, async () => {
  const ctx = await withStation();
  try {
    const sup = api(ctx.url, { sign: false });
    await sup.login('supervisor');
    await sup.request('POST', '/orders', order('SG-L'));
    for (let i = 1; i <= 4; i += 1) {
      const r = await sup.request('POST', '/orders/SG-L/release', { signatures: [{ username: 'supervisor', password: `wrong-${i}` }] });
      assert.equal(r.status, 403);
      assert.equal(r.body.code, 'signature_invalid');
      assert.match(r.body.message ?? '', /password of supervisor is wrong/);
    }
    const fifth = await sup.request('POST', '/orders/SG-L/release', { signatures: [{ username: 'supervisor', password: 'wrong-5' }] });
    assert.equal(fifth.body.code, 'account_locked');
    assert.match(fifth.body.message ?? '', /after 5 failures the account of supervisor is locked until/);
    const right = await sup.request('POST', '/orders/SG-L/release', { signatures: [{ username: 'supervisor', password: 'supervisor' }] });
    assert.equal(right.body.code, 'account_locked', 'locked: even the right password does not sign');
    const signIn = await api(ctx.url).request('POST', '/session', { username: 'supervisor', password: 'supervisor' });
    assert.equal(signIn.body.code, 'account_locked');
    const admin = api(ctx.url);
    await admin.login('admin');
    const failures = (await eventsOf(admin, 'access:supervisor')).filter((e) => e.type === 'SignatureFailed');
    assert.equal(failures.length, 6);
    assert.deepEqual((failures[0]?.data as { action: string; reason: string }), { ...(failures[0]?.data as object), action: 'order.release', reason: 'wrong-password' });
  } finally {
    await ctx.dispose();
  }
});

test('a unit scrap is two-person: the operator performs, a shift lead (not the operator, not an engineer) approves', { timeout: 60_000 }, async () => {
  const ctx = await withStation();
  try {
    const sup = api(ctx.url);
    await sup.login('supervisor');
    await sup.request('POST', '/orders', order('SG-S'));
    await sup.request('POST', '/orders/SG-S/release', {});
    await sup.request('POST', '/orders/SG-S/dispatch', {});
    const op = api(ctx.url, { sign: false });
    await op.login('operator');
    const { serial } = (await op.request('POST', '/line/next-unit', {})).body as { serial: string };
    await op.request('POST', `/units/${serial}/start`, { workCenter: 'WC10' });

    const alone = await op.request('POST', `/units/${serial}/scrap`, { reason: 'dropped', signatures: [{ username: 'operator', password: 'operator' }] });
    assert.equal(alone.status, 428);
    assert.deepEqual((alone.body.details as { second: unknown }).second, DEFAULT_SIGNATURE_POLICY['unit.scrap'].second);
    const self = await op.request('POST', `/units/${serial}/scrap`, {
      reason: 'dropped',
      signatures: [{ username: 'operator', password: 'operator' }, { username: 'operator', password: 'operator' }],
    });
    assert.match(self.body.message ?? '', /second signature must be another person's/);
    const engineer = await op.request('POST', `/units/${serial}/scrap`, {
      reason: 'dropped',
      signatures: [{ username: 'operator', password: 'operator' }, { username: 'engineer', password: 'engineer' }],
    });
    assert.equal(engineer.body.code, 'signature_invalid');
    assert.match(engineer.body.message ?? '', /Demo engineer \(Engineer\) may not give the second signature/);
    const done = await op.request('POST', `/units/${serial}/scrap`, {
      reason: 'dropped',
      signatures: [{ username: 'operator', password: 'operator' }, { username: 'lead', password: 'lead' }],
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const scrapped = (await eventsOf(op, `unit:${serial}`)).find((e) => e.type === 'UnitScrapped');
    assert.deepEqual(
      scrapped?.signatures.map((s) => [s.username, s.meaning]),
      [
        ['operator', 'performed'],
        ['lead', 'approved'],
      ],
    );
  } finally {
    await ctx.dispose();
  }
});

test('a signature copied to another record, or a signed record edited, fails verification even with the chain hashed anew', { timeout: 60_000 }, async () => {
  const ctx = await withStation();
  const sup = api(ctx.url);
  await sup.login('supervisor');
  for (const n of ['SG-B1', 'SG-B2']) await sup.request('POST', '/orders', order(n));
  await sup.request('POST', '/orders/SG-B1/release', {});
  const signedSeq = (await eventsOf(sup, 'order:SG-B1')).find((e) => e.type === 'OrderReleased')!.seq;
  const unsignedSeq = (await eventsOf(sup, 'order:SG-B2')).find((e) => e.type === 'OrderReceived')!.seq;
  await ctx.dispose(async (dataDir) => {
    const file = join(dataDir, 'station.sqlite');
    /** Someone with the file: changes a row, then hashes the chain anew from it so that it holds together again. */
    const tamper = (change: (raw: Database.Database) => number) => {
      const raw = new Database(file);
      raw.exec('DROP TRIGGER IF EXISTS events_no_update');
      const from = change(raw);
      let previous = raw.prepare('SELECT hash FROM events WHERE seq = ?').pluck().get(from - 1) as Buffer;
      for (const r of raw.prepare('SELECT * FROM events WHERE seq >= ? ORDER BY seq').all(from) as RawEventRow[]) {
        const hash = hashEvent(chainedRow(r), previous);
        raw.prepare('UPDATE events SET previous_hash = ?, hash = ? WHERE seq = ?').run(previous, hash, r.seq);
        previous = hash;
      }
      raw.close();
    };
    const readOnly = () => new Database(file, { readonly: true });
    let db = readOnly();
    assert.equal(verifyChain(db).intact, true);
    db.close();

    // The signature of SG-B1's release copied onto SG-B2's receipt.
    tamper((raw) => {
      const signatures = raw.prepare('SELECT signatures FROM events WHERE seq = ?').pluck().get(signedSeq) as string;
      raw.prepare('UPDATE events SET signatures = ? WHERE seq = ?').run(signatures, unsignedSeq);
      return Math.min(signedSeq, unsignedSeq);
    });
    db = readOnly();
    let r = verifyChain(db);
    db.close();
    assert.deepEqual({ seq: r.firstBreak?.seq, problem: r.firstBreak?.problem }, { seq: unsignedSeq, problem: 'unbound-signature' });
    assert.match(r.firstBreak?.why ?? '', /signature of supervisor \(approved\) on event \d+ was not made for this event/);

    // Put back, then the signed record itself edited (its quantity) and the chain hashed anew: the signature no longer binds.
    tamper((raw) => {
      raw.prepare('UPDATE events SET signatures = NULL WHERE seq = ?').run(unsignedSeq);
      raw.prepare(`UPDATE events SET actor = 'mallory' WHERE seq = ?`).run(signedSeq);
      return Math.min(signedSeq, unsignedSeq);
    });
    db = readOnly();
    r = verifyChain(db);
    db.close();
    assert.deepEqual({ seq: r.firstBreak?.seq, problem: r.firstBreak?.problem }, { seq: signedSeq, problem: 'unbound-signature' });
  });
});

test('which actions need a signature is an administrator\'s setting, itself signed and recorded before and after', { timeout: 60_000 }, async () => {
  const ctx = await withStation();
  try {
    const admin = api(ctx.url, { sign: false });
    await admin.login('admin');
    const policy = (await admin.request('GET', '/audit/signature-policy')).body as unknown as typeof DEFAULT_SIGNATURE_POLICY;
    assert.deepEqual(policy, DEFAULT_SIGNATURE_POLICY);
    const next = { ...policy, 'order.release': { ...policy['order.release'], required: false } };
    assert.equal((await admin.request('POST', '/audit/signature-policy', next)).status, 428, 'the change itself is signed');
    const off = await admin.request('POST', '/audit/signature-policy', { ...next, 'signature.policy': { ...policy['signature.policy'], required: false }, signatures: [{ username: 'admin', password: 'admin' }] });
    assert.match(off.body.message ?? '', /always signed/);
    const changed = await admin.request('POST', '/audit/signature-policy', { ...next, signatures: [{ username: 'admin', password: 'admin' }] });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    const event = (await eventsOf(admin, 'policy:signatures')).at(-1);
    assert.equal(event?.type, 'SignaturePolicyChanged');
    assert.deepEqual((event?.data as { before: { 'order.release': { required: boolean } } }).before['order.release'].required, true);
    assert.equal(event?.signatures[0]?.action, 'signature.policy');

    const sup = api(ctx.url, { sign: false });
    await sup.login('supervisor');
    await sup.request('POST', '/orders', order('SG-P'));
    assert.equal((await sup.request('POST', '/orders/SG-P/release', {})).status, 200, 'released without a signature now');
    const lead = api(ctx.url, { sign: false });
    await lead.login('lead');
    assert.equal((await lead.request('POST', '/audit/signature-policy', next)).status, 403, 'administrators only');
  } finally {
    await ctx.dispose();
  }
});
