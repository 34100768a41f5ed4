import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CertificateView, ConnectionView } from '../../core';
import { loadSimulatorProfile, startSimulator, type RunningSimulator } from '../../drivers/simulator';
import { resourcesDir, tempDir } from '../../tests/support/station-fixtures';
import { api, until, withStation } from '../../tests/support/station-harness';

// An engineer adds a signed connection to a PLC whose certificate the station has never seen, reads why it fails,
// trusts the certificate in the station, and the connection comes up without a restart.
const pki = tempDir('mes-pki-');
let sim: RunningSimulator;
let ctx: Awaited<ReturnType<typeof withStation>>;

before(async () => {
  const p = loadSimulatorProfile(JSON.parse(readFileSync(join(resourcesDir, 'demo', 'simulator.json'), 'utf8')));
  assert.ok(p.ok);
  sim = await startSimulator({ profile: p.value, pkiFolder: join(pki.path, 'sim'), port: 0, speed: 5, seed: 2, users: [{ userName: 'mes', password: 'right' }], allowAnonymous: true });
  ctx = await withStation({ simulatorEndpoint: sim.endpoint });
});
after(async () => {
  await ctx?.dispose();
  await sim?.dispose();
  pki.dispose();
});

const health = async (c: ReturnType<typeof api>, id: string) =>
  ((await c.request('GET', '/connections')).body as unknown as ConnectionView[]).find((x) => x.config.id === id)?.health;

test('an untrusted server certificate is named, listed as rejected, and trusted from the station', { timeout: 90_000 }, async () => {
  const eng = api(ctx.url);
  await eng.login('engineer');
  const conn = { id: 'signed-plc', name: 'Signed PLC', kind: 'opcua', endpoint: sim.endpoint, securityMode: 'SignAndEncrypt', securityPolicy: 'Basic256Sha256' };
  assert.equal((await eng.request('POST', '/connections', conn)).status, 200);
  let seen: unknown[] = [];
  const failed = await until(
    'the connection to fail on the certificate',
    async () => {
      const all = (await eng.request('GET', '/connections')).body as unknown as ConnectionView[];
      seen = all.map((c) => [c.config.id, c.health]);
      const h = all.find((x) => x.config.id === 'signed-plc')?.health;
      return h && !h.connected && /untrusted|not trusted/i.test(h.message) ? h : undefined;
    },
    45_000, // a signed first connection is slow on a machine busy with the other tests
    100,
    () => seen,
  );
  assert.match(failed.message, /thumbprint|[0-9a-f]{40}/i);
  const certs = (await eng.request('GET', '/connections/signed-plc/certificates')).body as unknown as CertificateView[];
  const rejected = certs.find((c) => c.status === 'rejected');
  assert.ok(rejected, 'the server certificate is in the rejected list');
  const op = api(ctx.url);
  await op.login('operator');
  assert.equal((await op.request('POST', `/connections/signed-plc/certificates/${rejected.thumbprint}/trust`, {})).status, 403);
  const trusted = await eng.request('POST', `/connections/signed-plc/certificates/${rejected.thumbprint}/trust`, {});
  assert.equal(trusted.status, 200, JSON.stringify(trusted.body));
  // The trust decision is in the record: who, which connection, which certificate.
  const decisions = (await eng.request('GET', '/events?stream=config:certificates')).body as unknown as { type: string; actor: string; data: { thumbprint: string; action: string } }[];
  assert.deepEqual(decisions.map((d) => [d.type, d.actor, d.data.thumbprint, d.data.action]), [['CertificateTrustChanged', 'engineer', rejected.thumbprint, 'trust']]);
  await until('the signed connection to come up', async () => ((await health(eng, 'signed-plc'))?.connected ? true : undefined), 20_000);
});

test('a wrong password says so, distinct from a certificate problem', { timeout: 30_000 }, async () => {
  const eng = api(ctx.url);
  await eng.login('engineer');
  const r = await eng.request('POST', '/connections/test', {
    id: 'pw-plc', name: 'Password PLC', kind: 'opcua', endpoint: sim.endpoint, securityMode: 'SignAndEncrypt', userName: 'mes', password: 'wrong',
  });
  assert.equal(r.status, 200);
  assert.equal(r.body.ok, false);
  assert.match(String(r.body.message), /user name or password/i);
  const good = await eng.request('POST', '/connections/test', {
    id: 'pw-plc', name: 'Password PLC', kind: 'opcua', endpoint: sim.endpoint, securityMode: 'SignAndEncrypt', userName: 'mes', password: 'right',
  });
  assert.equal(good.body.ok, true, String(good.body.message));
});
