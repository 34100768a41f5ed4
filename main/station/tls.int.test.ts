import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { statSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { tempDir } from '../../tests/support/station-fixtures';
import { withStation } from '../../tests/support/station-harness';
import { isLoopback } from '../process';
import { generatedTls } from './tls';

const get = (url: string, ca: string, headers: Record<string, string> = {}, body?: string) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(url, { ca, method: body ? 'POST' : 'GET', headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });

test('with TLS the station serves HTTPS and WSS only, with a certificate made once and kept', async () => {
  const keep = tempDir('mes-tls-');
  try {
    const tls = await generatedTls(keep.path);
    assert.match(tls.fingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.equal(statSync(join(keep.path, 'tls', 'station.key')).mode & 0o077, 0, 'the key is readable by the station only');
    assert.equal((await generatedTls(keep.path)).fingerprint, tls.fingerprint, 'a second start reuses it');
    assert.ok(new X509Certificate(tls.cert).checkHost('localhost'));

    const ctx = await withStation({ tls });
    try {
      assert.match(ctx.url, /^https:\/\//);
      const health = await get(`${ctx.url}/api/v1/health`, tls.cert);
      assert.equal(health.status, 200);
      // A client that does not trust the certificate is refused by TLS itself.
      await assert.rejects(get(`${ctx.url}/api/v1/health`, ''), /self[- ]signed|unable to verify|certificate/i);
      // Plain HTTP on the same port gets no answer of the API.
      await assert.rejects(fetch(ctx.url.replace('https:', 'http:') + '/api/v1/health'));
      const session = await get(`${ctx.url}/api/v1/session`, tls.cert, { 'content-type': 'application/json' }, JSON.stringify({ username: 'operator', password: 'operator' }));
      const token = (JSON.parse(session.text) as { token: string }).token;
      const ws = new WebSocket(`${ctx.url.replace('https:', 'wss:')}/api/v1/stream`, ['mes.v1', `bearer.${token}`], { ca: tls.cert });
      const hello = await new Promise<string>((resolve, reject) => {
        ws.once('message', (d) => resolve(String(d)));
        ws.once('error', reject);
      });
      assert.match(hello, /"kind":"hello"/);
      ws.close();
    } finally {
      await ctx.dispose();
    }
  } finally {
    keep.dispose();
  }
});

test('loopback addresses are told apart from the network', () => {
  for (const h of ['127.0.0.1', 'localhost', '::1', '127.0.1.1']) assert.equal(isLoopback(h), true, h);
  for (const h of ['0.0.0.0', '192.0.2.10', '::', 'plant-mes.example']) assert.equal(isLoopback(h), false, h);
});
