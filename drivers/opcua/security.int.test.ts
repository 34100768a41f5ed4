import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { plcNodeId, type Driver } from '../../core';
import { startSimulator, type RunningSimulator } from '../simulator';
import {
  createOpcUaDriver,
  listServerCertificates,
  rejectServerCertificate,
  removeServerCertificate,
  trustServerCertificate,
  type OpcUaDriverOptions,
} from './index';
import { demoProfile, tempFolder } from './int-test-support';

// Signed and encrypted connections to the line simulator, with the server certificate trusted by an engineer
// through the trust API, and user name logins (STYLE.md §8: a real peer over a real socket).

const STATE = plcNodeId('L1', 'WC10', 'State');
const OPERATOR = { userName: 'operator', password: 'line-1-secret' };

test('OPC UA security: certificates an engineer trusts, and user name logins', { timeout: 60_000 }, async (t) => {
  const tmp = await tempFolder('mes-opcua-sec-');
  const pkiFolder = path.join(tmp.path, 'pki', 'client');
  const simulator: RunningSimulator = await startSimulator({ profile: await demoProfile(), pkiFolder: path.join(tmp.path, 'pki', 'simulator'), users: [OPERATOR] });
  const drivers: Driver[] = [];
  const driver = (options: Partial<OpcUaDriverOptions>): Driver => {
    const d = createOpcUaDriver({ endpoint: simulator.endpoint, pkiFolder, reconnectInitialDelayMs: 200, reconnectMaxDelayMs: 1_000, ...options });
    drivers.push(d);
    return d;
  };
  t.after(async () => {
    for (const d of drivers) await d.dispose();
    await simulator.dispose();
    await tmp.dispose();
  });
  let thumbprint = '';

  await t.test('Sign: an unknown server certificate fails as untrusted, lands in the rejected list, and connects once trusted', async () => {
    const signed = driver({ securityMode: 'Sign', ...OPERATOR });
    const started = Date.now();
    const failure = await signed.connect().then(
      () => assert.fail('connected to a server whose certificate nobody trusted'),
      (err: unknown) => err as { code: string; message: string; details: { thumbprint: string } },
    );
    assert.ok(Date.now() - started < 10_000, 'fails at once instead of retrying');
    assert.equal(failure.code, 'opcua_untrusted_certificate');
    thumbprint = failure.details.thumbprint;
    assert.match(thumbprint, /^[0-9a-f]{40}$/);
    assert.match(failure.message, /is not trusted/);
    assert.ok(failure.message.includes(thumbprint), 'the message names the thumbprint');
    assert.ok(failure.message.includes(pkiFolder) && /rejected/.test(failure.message), 'the message says where to trust it');
    assert.equal(signed.health().connected, false);
    assert.match(signed.health().message, /not trusted/);

    const listed = await listServerCertificates(pkiFolder);
    assert.deepEqual(listed.trusted, []);
    const rejected = listed.rejected.find((c) => c.thumbprint === thumbprint);
    assert.ok(rejected, 'the refused certificate is in the rejected list');
    assert.match(rejected.subject, /Line simulator/);
    assert.ok(Date.parse(rejected.validFrom) <= Date.now() && Date.now() < Date.parse(rejected.validTo));
    assert.ok(rejected.file.startsWith(path.join(pkiFolder, 'rejected')));

    const trusted = await trustServerCertificate(pkiFolder, thumbprint.toUpperCase().replace(/(..)(?!$)/g, '$1:'));
    assert.ok(trusted.ok, 'a thumbprint may be given as OPC UA tools print it');
    assert.ok(trusted.value.file.startsWith(path.join(pkiFolder, 'trusted')));
    assert.deepEqual((await listServerCertificates(pkiFolder)).rejected, []);

    await signed.connect();
    assert.equal(signed.health().connected, true);
    const [state] = await signed.read([STATE]);
    assert.deepEqual([state?.value, state?.quality], ['Idle', 'good']);
  });

  await t.test('SignAndEncrypt connects with each supported policy once the certificate is trusted', async () => {
    for (const securityPolicy of ['Basic256Sha256', 'Aes128_Sha256_RsaOaep', 'Aes256_Sha256_RsaPss'] as const) {
      const encrypted = driver({ securityMode: 'SignAndEncrypt', securityPolicy, ...OPERATOR });
      await encrypted.connect();
      const [state] = await encrypted.read([STATE]);
      assert.equal(state?.quality, 'good', securityPolicy);
      await encrypted.dispose();
    }
  });

  await t.test('a rejected or removed certificate fails the connection again', async () => {
    assert.ok((await rejectServerCertificate(pkiFolder, thumbprint)).ok);
    await assert.rejects(driver({ securityMode: 'SignAndEncrypt', ...OPERATOR }).connect(), { code: 'opcua_untrusted_certificate' });
    assert.ok((await trustServerCertificate(pkiFolder, thumbprint)).ok);
    assert.ok((await removeServerCertificate(pkiFolder, thumbprint)).ok);
    assert.deepEqual(await listServerCertificates(pkiFolder), { trusted: [], rejected: [] });
    await assert.rejects(driver({ securityMode: 'Sign', ...OPERATOR }).connect(), { code: 'opcua_untrusted_certificate' });
    assert.equal((await listServerCertificates(pkiFolder)).rejected[0]?.thumbprint, thumbprint, 'back in the rejected list');
    const unknown = await trustServerCertificate(pkiFolder, '00'.repeat(20));
    assert.equal(unknown.ok, false);
    assert.equal(unknown.ok ? '' : unknown.error.code, 'not_found');
  });

  await t.test('a wrong password fails at once with a message that says the login was refused', async () => {
    const wrong = driver({ userName: OPERATOR.userName, password: 'guess' });
    const started = Date.now();
    await assert.rejects(wrong.connect(), {
      code: 'opcua_bad_credentials',
      message: /refused the user name or password for "operator" \(BadUserAccessDenied\)/,
    });
    assert.ok(Date.now() - started < 10_000, 'fails at once instead of retrying');
    assert.match(wrong.health().message, /user name or password/);
    await assert.rejects(driver({}).connect(), { code: 'opcua_bad_credentials', message: /anonymous/ });
  });

  await t.test('the right password works', async () => {
    const right = driver({ ...OPERATOR });
    await right.connect();
    const [state] = await right.read([STATE]);
    assert.equal(state?.quality, 'good');
    assert.equal(right.health().message, `connected to ${simulator.endpoint}`);
  });
});
