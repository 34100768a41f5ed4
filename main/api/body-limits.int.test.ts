import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { api, withStation } from '../../tests/support/station-harness';

// A body is read only for a caller the operation takes, of a kind and size the operation takes.
let ctx: Awaited<ReturnType<typeof withStation>>;
let token = '';
before(async () => {
  ctx = await withStation();
  const c = api(ctx.url);
  await c.login('supervisor');
  token = c.token ?? '';
});
after(async () => ctx.dispose());

/** Sends headers and a first small chunk of a body said to be `declared` bytes long; resolves with the answer. */
function partial(path: string, headers: Record<string, string>, declared: number): Promise<{ status: number; body: { code?: string; message?: string } }> {
  const url = new URL(`${ctx.url}/api/v1${path}`);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(declared) } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') as { code?: string; message?: string } });
      });
    });
    // The station closes the connection after refusing: the answer may still be on its way. No answer at all is status 0.
    req.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'EPIPE' || e.code === 'ECONNRESET' ? setTimeout(() => resolve({ status: 0, body: {} }), 2_000).unref() : reject(e),
    );
    req.write('<ProductionSchedule>');
    // The rest never comes: an answer proves the station did not wait to read it.
  });
}

test('an unauthenticated upload is refused before its body is read', async () => {
  const r = await partial('/b2mml', { 'content-type': 'application/xml' }, 10 * 2 ** 20);
  assert.equal(r.status, 401);
});

test('a body larger than the operation takes is refused by its declared length, before reading', async () => {
  const r = await partial('/b2mml', { 'content-type': 'application/xml', authorization: `Bearer ${token}` }, 40 * 2 ** 20);
  assert.equal(r.status, 413);
  assert.match(String(r.body.message), /at most 16 MiB/);
  const json = await partial('/orders', { 'content-type': 'application/json', authorization: `Bearer ${token}` }, 2 * 2 ** 20);
  assert.equal(json.status, 413);
});

test('XML is taken only where the operation takes XML; a broken percent-encoding is a 400', async () => {
  const res = await fetch(`${ctx.url}/api/v1/orders`, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` }, body: '<x/>' });
  assert.equal(res.status, 415);
  const bad = await fetch(`${ctx.url}/api/v1/units/%E0%A4%A`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(bad.status, 400);
  assert.match(((await bad.json()) as { message: string }).message, /percent-encoding/);
});

test('a body sent without a length is cut off at the operation’s limit', async () => {
  const big = 'x'.repeat(2 * 2 ** 20);
  const res = await fetch(`${ctx.url}/api/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(`{"number":"${big}"}`));
        c.close();
      },
    }),
    duplex: 'half',
  } as RequestInit);
  assert.equal(res.status, 413);
});
