import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppError, ClientMessage, StreamMessage, TagRef, TagValueView } from '../core';
import { TagWatchSet } from '../renderer/client/tag-watch';

// The HMI's side of tag watching (renderer/client): every screen's tags as one watch on the live channel.
const tag = (address: string): TagRef => ({ connection: 'plc', address });
const value = (address: string, v: number): TagValueView => ({ ...tag(address), value: v, quality: 'good', sourceTime: null });
const settled = () => new Promise((r) => setTimeout(r, 0));

function channel() {
  const sent: ClientMessage[] = [];
  const listeners = new Set<(m: StreamMessage) => void>();
  return {
    sent,
    listeners,
    send: (m: ClientMessage) => void sent.push(m),
    subscribe: (l: (m: StreamMessage) => void) => (listeners.add(l), () => void listeners.delete(l)),
    hear: (m: StreamMessage) => listeners.forEach((l) => l(m)),
  };
}

test('screens watch as one set: sent once per change, each screen hears its own tags, again after a reconnect, stopped when none is left', async () => {
  const ch = channel();
  const refused: AppError[] = [];
  const set = new TagWatchSet(ch, (e) => void refused.push(e));
  const heardA: TagValueView[][] = [];
  const heardB: TagValueView[][] = [];
  const offA = set.watch([tag('a'), tag('b')], (v) => void heardA.push(v));
  const offB = set.watch([tag('b'), tag('c')], (v) => void heardB.push(v));
  await settled();
  assert.deepEqual(ch.sent, [{ kind: 'watch', tags: [tag('a'), tag('b'), tag('c')] }]);

  ch.hear({ kind: 'tags', values: [value('a', 1), value('c', 3)] });
  assert.deepEqual(heardA, [[value('a', 1)]]);
  assert.deepEqual(heardB, [[value('c', 3)]]);

  // A new connection: the station forgot the set, so it goes again.
  ch.hear({ kind: 'hello', seq: 1, stationId: 'ST-1' });
  assert.deepEqual(ch.sent.at(-1), { kind: 'watch', tags: [tag('a'), tag('b'), tag('c')] });

  ch.hear({ kind: 'refused', error: { code: 'unauthenticated', message: 'Sign in first.' } });
  assert.deepEqual(refused.map((e) => e.code), ['unauthenticated']);

  offA();
  offA();
  await settled();
  assert.deepEqual(ch.sent.at(-1), { kind: 'watch', tags: [tag('b'), tag('c')] });
  offB();
  await settled();
  assert.deepEqual(ch.sent.at(-1), { kind: 'watch', tags: [] });
  assert.equal(ch.listeners.size, 0, 'nothing listens once nobody watches');
});
