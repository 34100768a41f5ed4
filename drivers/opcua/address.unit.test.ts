import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveAddress } from './address';

const namespaces = ['http://opcfoundation.org/UA/', 'urn:server', 'urn:control-room-mes:line-plc'];

test('an nsu= address is resolved against the server namespace array', () => {
  const r = resolveAddress('nsu=urn:control-room-mes:line-plc;s=L1.WC10.State', namespaces);
  assert.ok(r.ok);
  assert.equal(r.nodeId.toString(), 'ns=2;s=L1.WC10.State');
});

test('a string id may itself hold semicolons; the uri ends at the first one', () => {
  const r = resolveAddress('nsu=urn:server;s=a;b=c', namespaces);
  assert.ok(r.ok);
  assert.equal(r.nodeId.namespace, 1);
  assert.equal(r.nodeId.value, 'a;b=c');
});

test('ns= and bare addresses are taken as they are', () => {
  const byIndex = resolveAddress('ns=5;i=42', namespaces);
  assert.ok(byIndex.ok);
  assert.equal(byIndex.nodeId.toString(), 'ns=5;i=42');
  const bare = resolveAddress('i=2259', []);
  assert.ok(bare.ok);
  assert.equal(bare.nodeId.toString(), 'ns=0;i=2259');
});

test('an unknown namespace and a malformed address say what is wrong', () => {
  const unknown = resolveAddress('nsu=urn:elsewhere;s=x', namespaces);
  assert.deepEqual(unknown, { ok: false, reason: 'the server has no namespace "urn:elsewhere"' });
  const junk = resolveAddress('L1.WC10.State', namespaces);
  assert.equal(junk.ok, false);
  assert.match(junk.ok ? '' : junk.reason, /not an OPC UA node address/);
  assert.equal(resolveAddress('ns=1;g=not-a-guid', namespaces).ok, false);
});
