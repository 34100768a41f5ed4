import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode, PUSHED_EVENT_TYPES, StreamMessage, fail, isPushedEvent, ok, type DomainEvent, type RecordedEvent, type TagRef, type UserView } from '../../core';
import { LiveStream, type TagSink, type TagWatchPort } from './live-stream';

const recorded = (seq: number, event: DomainEvent): RecordedEvent =>
  ({ seq, stationId: 'ST-1', stream: 'x', streamVersion: seq, at: '2026-01-05T08:00:00.000Z', actor: 'lead', correlationId: null, ...event });

test('the events the contract says travel whole do, with their data; every other event is a notice of its type', () => {
  const stream = new LiveStream();
  const heard: StreamMessage[] = [];
  const off = stream.subscribe((m) => heard.push(m));
  stream.publishEvents([
    recorded(1, { type: 'WorkCenterStateChanged', data: { workCenter: 'WC10', state: 'Execute', previous: 'Idle' } }),
    recorded(2, { type: 'OrderQueued', data: { line: 'L1', number: 'PO-1', position: 0 } }),
    recorded(3, { type: 'OrderMoved', data: { line: 'L1', number: 'PO-1', from: 0, to: 1 } }),
    recorded(4, { type: 'OrderDequeued', data: { line: 'L1', number: 'PO-1' } }),
    recorded(5, { type: 'OrderHeld', data: { number: 'PO-1', reason: 'seat rings', from: 'dispatched' } }),
  ]);
  off();
  const [message] = heard;
  assert.equal(message?.kind, 'changed');
  // What goes on the wire is what the contract declares: a client's parse gives the same message back.
  assert.deepEqual(StreamMessage.parse(JSON.parse(JSON.stringify(message))), message);
  const events = message?.kind === 'changed' ? message.events : [];
  assert.deepEqual(events.filter(isPushedEvent).map((e) => e.type).sort(), [...PUSHED_EVENT_TYPES].sort());
  assert.deepEqual(events.at(-1), { seq: 5, type: 'OrderHeld', stream: 'x', version: 5 });
  assert.deepEqual(
    events.slice(0, 4).map((e) => ('data' in e ? e.data : null)),
    [
      { workCenter: 'WC10', state: 'Execute', previous: 'Idle' },
      { line: 'L1', number: 'PO-1', position: 0 },
      { line: 'L1', number: 'PO-1', from: 0, to: 1 },
      { line: 'L1', number: 'PO-1' },
    ],
    'each pushed event carries its data as recorded',
  );
  assert.deepEqual(message?.kind === 'changed' ? message.topics.sort() : [], ['audit', 'line', 'oee', 'orders']);
});

/** A station that serves tag watches: who may watch, and the watches it was asked for (running or ended). */
function servingStream() {
  const stream = new LiveStream();
  const watches: { tags: readonly TagRef[]; sink: TagSink; ended: boolean }[] = [];
  let disposed = false;
  const port: TagWatchPort = {
    watch: (tags, sink) => {
      const w = { tags, sink, ended: false };
      watches.push(w);
      sink.push(tags.map((t) => ({ ...t, value: 1, quality: 'good', sourceTime: null })));
      return () => void (w.ended = true);
    },
    dispose: async () => void (disposed = true),
  };
  const users: Record<string, UserView & { mustChangePassword?: boolean }> = {
    'token-lead': { username: 'lead', displayName: 'Lea Lead', role: 'shift_lead' },
    'token-new': { username: 'nina', displayName: 'Nina New', role: 'operator', mustChangePassword: true },
  };
  const auth = { authenticate: (token: string | null | undefined) => (token && users[token] ? ok(users[token]) : fail(ErrorCode.unauthenticated, 'Sign in first.')) };
  const stop = stream.serveTags(port, auth);
  const running = () => watches.filter((w) => !w.ended).map((w) => w.tags.map((t) => t.address));
  return { stream, stop, running, disposed: () => disposed };
}

const tag = (address: string): TagRef => ({ connection: 'plc', address });

test('a client watches tags on the live channel: values pushed as typed messages; a new set replaces the old; leaving ends it', async () => {
  const { stream, stop, running, disposed } = servingStream();
  const heard: StreamMessage[] = [];
  const session = stream.open({ send: (m) => heard.push(m) });
  session.receive({ kind: 'watch', tags: [tag('a'), tag('b')] }, 'token-lead');
  assert.deepEqual(running(), [['a', 'b']]);
  const first = heard[0];
  assert.equal(first?.kind, 'tags');
  assert.deepEqual(StreamMessage.parse(JSON.parse(JSON.stringify(first))), first);
  session.receive({ kind: 'watch', tags: [tag('c')] }, 'token-lead');
  assert.deepEqual(running(), [['c']]);
  session.receive({ kind: 'watch', tags: [] }, 'token-lead');
  assert.deepEqual(running(), []);
  session.receive({ kind: 'watch', tags: [tag('d')] }, 'token-lead');
  session.dispose();
  assert.deepEqual(running(), []);
  // Stopping the station ends every watch and disposes what serves them.
  const other = stream.open({ send: () => undefined });
  other.receive({ kind: 'watch', tags: [tag('e')] }, 'token-lead');
  await stop();
  assert.deepEqual(running(), []);
  assert.equal(disposed(), true);
  other.receive({ kind: 'watch', tags: [tag('e')] }, 'token-lead');
  assert.deepEqual(running(), []);
});

test('the live channel refuses what it cannot use, and anyone not signed in, with a message saying why', () => {
  const { stream, running } = servingStream();
  const heard: StreamMessage[] = [];
  const session = stream.open({ send: (m) => heard.push(m) });
  const refusal = () => {
    const m = heard.pop();
    return m?.kind === 'refused' ? m.error : null;
  };
  session.receive(null, 'token-lead');
  assert.equal(refusal()?.code, ErrorCode.validation);
  session.receive({ kind: 'write', tags: [tag('a')] }, 'token-lead');
  assert.equal(refusal()?.code, ErrorCode.validation);
  session.receive({ kind: 'watch', tags: [{ connection: '', address: 'a' }] }, 'token-lead');
  assert.match(refusal()?.message ?? '', /tags\.0\.connection/);
  session.receive({ kind: 'watch', tags: Array.from({ length: 501 }, (_, i) => tag(`t${i}`)) }, 'token-lead');
  assert.match(refusal()?.message ?? '', /tags: at most 500 tags at once/);
  session.receive({ kind: 'watch', tags: [tag('a')] }, null);
  assert.equal(refusal()?.code, ErrorCode.unauthenticated);
  session.receive({ kind: 'watch', tags: [tag('a')] }, 'token-expired');
  assert.equal(refusal()?.code, ErrorCode.unauthenticated);
  assert.deepEqual(running(), []);
  assert.equal(heard.length, 0);
  // Stopping needs no session: a screen that signed out can still stop what it watched.
  session.receive({ kind: 'watch', tags: [tag('a')] }, 'token-lead');
  session.receive({ kind: 'watch', tags: [] }, null);
  assert.deepEqual(running(), []);
  session.dispose();
});

test('a session still on its one-time password may not watch tags, over any transport', () => {
  const { stream, stop, running } = servingStream();
  const heard: StreamMessage[] = [];
  const session = stream.open({ send: (m) => heard.push(m) });
  session.receive({ kind: 'watch', tags: [tag('a')] }, 'token-new');
  assert.deepEqual(running(), []);
  assert.equal(heard[0]?.kind === 'refused' ? heard[0].error.code : null, 'password_change_required');
  session.dispose();
  void stop();
});


test('a window that has not joined hears nothing of the station; joined under a session it hears every change until that session ends', () => {
  const { stream, stop, running } = servingStream();
  const heard: StreamMessage[] = [];
  const session = stream.open({ send: (m) => heard.push(m) });
  const change = (seq: number) => stream.publishEvents([recorded(seq, { type: 'WorkCenterStateChanged', data: { workCenter: 'WC10', state: 'Execute', previous: 'Idle' } })]);
  change(1);
  stream.publish({ kind: 'plc', connected: false, message: 'PLC down' });
  assert.equal(heard.length, 0, 'a signed-out window is told nothing: no changes, no PLC link');

  session.receive({ kind: 'join' }, 'token-expired');
  session.receive({ kind: 'join' }, 'token-new');
  assert.deepEqual(
    heard.splice(0).map((m) => (m.kind === 'refused' ? m.error.code : m.kind)),
    [ErrorCode.unauthenticated, 'password_change_required'],
    'no valid session, or one still on its one-time password: refused, and still deaf',
  );
  change(2);
  assert.equal(heard.length, 0);

  session.receive({ kind: 'join' }, 'token-lead');
  assert.deepEqual(heard.splice(0), [{ kind: 'plc', connected: false, message: 'PLC down' }], 'joining, it hears how the PLC link stands now');
  session.receive({ kind: 'join' }, 'token-lead');
  change(3);
  assert.deepEqual(heard.splice(0).map((m) => (m.kind === 'changed' ? m.seq : m.kind)), [3], 'joined twice, heard once');
  session.receive({ kind: 'watch', tags: [tag('a')] }, 'token-lead');
  heard.splice(0);

  stream.endSession('token-other', 'signed out');
  change(4);
  assert.equal(heard.splice(0).length, 1, 'another session ending changes nothing here');

  stream.endSession('token-lead', 'revoked by an administrator');
  const [told] = heard.splice(0);
  assert.equal(told?.kind === 'refused' ? told.error.code : null, ErrorCode.unauthenticated);
  assert.match(told?.kind === 'refused' ? told.error.message : '', /revoked by an administrator/);
  assert.deepEqual(running(), [], 'its tag watch ended with it');
  change(5);
  stream.publish({ kind: 'plc', connected: true, message: 'PLC up' });
  assert.equal(heard.length, 0, 'nothing after the session ended');
  session.dispose();
  void stop();
});

test('a WebSocket joins at its upgrade under the session checked there, and leaves when that session ends', () => {
  const { stream, stop } = servingStream();
  const heard: StreamMessage[] = [];
  const session = stream.open({ send: (m) => heard.push(m) }, 'token-lead');
  stream.publish({ kind: 'plc', connected: true, message: 'PLC up' });
  assert.deepEqual(heard.splice(0).map((m) => m.kind), ['plc']);
  stream.endSession('token-lead', 'idle for 15 minutes');
  stream.publish({ kind: 'plc', connected: false, message: 'PLC down' });
  assert.deepEqual(heard.map((m) => m.kind), ['refused']);
  session.dispose();
  void stop();
});

test('a client that joins hears how the PLC link, the record and the plant link stand now, the latest of each, then each change', () => {
  const stream = new LiveStream();
  const replication = (state: 'live' | 'catching-up', left: number) =>
    ({ kind: 'replication', state: { state, shipped: 10 - left, head: 10, left, ratePerSecond: 0, etaSeconds: null, message: '', backlogSince: null } }) as const;
  stream.publish({ kind: 'plc', connected: false, message: 'PLC down' });
  stream.publish(replication('catching-up', 4));
  stream.publish({ kind: 'plc', connected: true, message: 'PLC up' });
  stream.publish(replication('live', 0));
  stream.publishEvents([recorded(1, { type: 'WorkCenterStateChanged', data: { workCenter: 'WC10', state: 'Execute', previous: 'Idle' } })]);
  const heard: StreamMessage[] = [];
  const session = stream.open({ send: (m) => heard.push(m) }, 'token-lead');
  assert.deepEqual(heard.splice(0), [{ kind: 'plc', connected: true, message: 'PLC up' }, replication('live', 0)], 'the latest state of each, no past change');
  stream.publish(replication('catching-up', 1));
  assert.deepEqual(heard.splice(0), [replication('catching-up', 1)]);
  session.dispose();
});
