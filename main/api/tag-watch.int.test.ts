import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { ErrorCode, fail, ok, type StreamMessage, type TagRef, type TagValueView } from '../../core';
import { TagCache, type TagListener } from '../station/tag-cache';
import { TagWatches } from '../station/tag-watch';
import { startHttpServer } from './http-server';
import { LiveStream } from './live-stream';

// Watching tags over the WebSocket the browser HMI uses: the station's TagWatches behind the real HTTP server.
const A: TagRef = { connection: 'plc', address: 'L1.WC10.Temperature' };
const B: TagRef = { connection: 'plc', address: 'L1.WC10.Running' };
const cache = new TagCache();
let listening = 0;
const counted = {
  get: (ref: TagRef) => cache.get(ref),
  listen: (ref: TagRef, listener: TagListener) => {
    listening += 1;
    const off = cache.listen(ref, listener);
    return () => {
      listening -= 1;
      off();
    };
  },
};
const stream = new LiveStream();
const auth = { authenticate: (token: string | null | undefined) => (token === 'engineer' ? ok({ username: 'engineer', displayName: 'Eng', role: 'engineer' as const }) : fail(ErrorCode.unauthenticated, 'Sign in first.')) };
let http: Awaited<ReturnType<typeof startHttpServer>>;
let stopWatches: () => Promise<void>;

before(async () => {
  stopWatches = stream.serveTags(new TagWatches(counted, null), auth);
  http = await startHttpServer(
    { host: '127.0.0.1', port: 0, staticRoot: '/nonexistent', version: 'test', stationId: 'ST-1', lastSeq: () => 0 },
    async () => fail(ErrorCode.notFound, 'no operations in this test'),
    auth,
    stream,
  );
});
after(async () => {
  await http?.dispose();
  await stopWatches?.();
});

async function connect(token: string) {
  const ws = new WebSocket(`${http.url.replace('http', 'ws')}/api/v1/stream`, ['mes.v1', `bearer.${token}`]);
  const heard: StreamMessage[] = [];
  ws.on('message', (d) => heard.push(JSON.parse(String(d)) as StreamMessage));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const tags = () => heard.flatMap((m) => (m.kind === 'tags' ? [m.values] : []));
  return { ws, heard, tags, send: (m: unknown) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)) };
}

async function until(what: string, probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const last = (batches: TagValueView[][], tag: TagRef) => batches.flat().filter((v) => v.address === tag.address).at(-1)?.value;

test('a client watches tags over the WebSocket: current values at once, changes coalesced, a new set replaces the old, closing ends it', async () => {
  cache.set(A, { value: 20, quality: 'good', sourceTime: '2026-01-05T08:00:00.000Z' });
  const c = await connect('engineer');
  c.send({ kind: 'watch', tags: [A, B] });
  await until('the current values', () => c.tags().length === 1);
  assert.deepEqual(c.tags()[0], [{ ...A, value: 20, quality: 'good', sourceTime: '2026-01-05T08:00:00.000Z' }]);
  assert.equal(listening, 2);
  for (let i = 1; i <= 100; i++) cache.set(A, { value: 20 + i, quality: 'good', sourceTime: null });
  cache.set(B, { value: true, quality: 'uncertain', sourceTime: null });
  await until('the changes', () => last(c.tags(), A) === 120 && last(c.tags(), B) === true);
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(c.tags().length, 2, 'a hundred changes in one moment are one message');

  c.send({ kind: 'watch', tags: [B] });
  await until('the new set', () => c.tags().length === 3);
  assert.equal(listening, 1);
  cache.set(A, { value: 0, quality: 'good', sourceTime: null });
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(last(c.tags(), A), 120, 'a tag no longer watched is not pushed');

  c.ws.close();
  await until('the watch to end with the socket', () => listening === 0);
});

test('the WebSocket refuses a message it cannot use, and keeps the connection', async () => {
  const c = await connect('engineer');
  c.send('{"kind": "watch", ');
  c.send({ kind: 'watch', tags: [{ connection: 'plc' }] });
  await until('two refusals', () => c.heard.filter((m) => m.kind === 'refused').length === 2);
  const refusals = c.heard.flatMap((m) => (m.kind === 'refused' ? [m.error] : []));
  assert.deepEqual(refusals.map((e) => e.code), [ErrorCode.validation, ErrorCode.validation]);
  assert.match(refusals[1]?.message ?? '', /tags\.0\.address/);
  assert.equal(listening, 0);
  c.send({ kind: 'watch', tags: [A] });
  await until('values after a refusal', () => c.tags().length === 1);
  c.ws.close();
  await until('the watch to end with the socket', () => listening === 0);
});

test('no stream without a session: the upgrade is refused (401)', async () => {
  const ws = new WebSocket(`${http.url.replace('http', 'ws')}/api/v1/stream`, ['mes.v1', 'bearer.nobody']);
  const status = await new Promise<number | undefined>((resolve) => {
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode));
    ws.once('error', () => resolve(undefined));
  });
  assert.equal(status, 401);
  ws.terminate();
});
