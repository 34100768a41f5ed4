import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { api, withStation } from '../../tests/support/station-harness';

// The live stream: the token never in the URL, only the station's own pages, and a session that ends closes it.
let ctx: Awaited<ReturnType<typeof withStation>>;
before(async () => {
  ctx = await withStation();
});
after(async () => ctx.dispose());

const wsUrl = () => `${ctx.url.replace('http', 'ws')}/api/v1/stream`;
/** The HTTP status an upgrade was refused with, or 101 when it was taken. */
const upgrade = (url: string, protocols: string[], headers: Record<string, string> = {}) =>
  new Promise<{ status: number; ws: WebSocket }>((resolve) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, ws });
      res.resume();
    });
    ws.once('open', () => resolve({ status: 101, ws }));
    // Neither taken nor refused with a status (the connection failed): 0, and the test says so.
    ws.once('error', () => resolve({ status: 0, ws }));
  });

test('the session token rides as a subprotocol; in the URL it is refused', async () => {
  const c = api(ctx.url);
  await c.login('operator');
  const inUrl = await upgrade(`${wsUrl()}?token=${c.token}`, ['mes.v1']);
  assert.equal(inUrl.status, 400);
  const ok = await upgrade(wsUrl(), ['mes.v1', `bearer.${c.token}`]);
  assert.equal(ok.status, 101);
  assert.equal(ok.ws.protocol, 'mes.v1', 'the token is never echoed back as the chosen protocol');
  ok.ws.close();
  assert.equal((await upgrade(wsUrl(), ['mes.v1', 'bearer.forged'])).status, 401);
});

test("a page from another site may not open the station's stream", async () => {
  const c = api(ctx.url);
  await c.login('operator');
  const foreign = await upgrade(wsUrl(), ['mes.v1', `bearer.${c.token}`], { origin: 'https://evil.example' });
  assert.equal(foreign.status, 403);
  const own = await upgrade(wsUrl(), ['mes.v1', `bearer.${c.token}`], { origin: ctx.url });
  assert.equal(own.status, 101);
  own.ws.close();
});

test('signing out closes the session’s open streams at once', async () => {
  const c = api(ctx.url);
  await c.login('operator');
  const { ws } = await upgrade(wsUrl(), ['mes.v1', `bearer.${c.token}`]);
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  assert.equal((await c.request('POST', '/session/end')).status, 200);
  assert.equal(await closed, 4001);
});
