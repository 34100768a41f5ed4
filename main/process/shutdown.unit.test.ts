import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Log } from './log';
import { stopOnSignals, type StopStep } from './shutdown';

// Signals are emitted on `process` here (its listeners run as a real signal would run them); exit is recorded.
function harness(steps: StopStep[], timeoutMs = 1000, repeatWithinMs?: number) {
  const lines: string[] = [];
  const log: Log = {
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m, e) => lines.push(`error ${m}${e ? `: ${String(e)}` : ''}`),
  };
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((r) => (resolveExit = r));
  const codes: number[] = [];
  const stopper = stopOnSignals({
    log,
    steps,
    timeoutMs,
    ...(repeatWithinMs === undefined ? {} : { repeatWithinMs }),
    exit: (code) => {
      codes.push(code);
      resolveExit(code);
    },
  });
  return { lines, exited, codes, stopper };
}

test('a signal stops every step in order, then exits 0; the handler stays for later signals', async (t) => {
  const order: string[] = [];
  const h = harness([
    {
      what: 'the station',
      stop: async (progress) => {
        progress('closing the database');
        order.push('station');
      },
    },
    { what: 'the simulator', stop: () => void order.push('simulator') },
  ]);
  t.after(() => h.stopper.dispose());
  process.emit('SIGTERM');
  assert.equal(await h.exited, 0);
  assert.deepEqual(order, ['station', 'simulator']);
  assert.deepEqual(h.lines, ['info SIGTERM: stopping', 'info stopped']);
  assert.equal(process.listeners('SIGTERM').length > 0, true);
});

test('a stop that takes too long exits 1 and names what had not stopped', async (t) => {
  const h = harness(
    [
      { what: 'the station', stop: (progress) => (progress('stopping the connections'), new Promise<void>(() => undefined)) },
      { what: 'the simulator', stop: () => undefined },
    ],
    50,
  );
  t.after(() => h.stopper.dispose());
  process.emit('SIGINT');
  assert.equal(await h.exited, 1);
  assert.match(h.lines.join('\n'), /did not stop within .* Not stopped: the station \(stopping the connections\), then the simulator/);
  assert.deepEqual(h.codes, [1]);
});

test('the first signal again, a while later, exits at once; a repeat at once, or another signal, does not', async (t) => {
  let release: () => void = () => undefined;
  const h = harness([{ what: 'the station', stop: () => new Promise<void>((r) => (release = r)) }], 1000, 0);
  t.after(() => h.stopper.dispose());
  process.emit('SIGINT');
  process.emit('SIGTERM');
  assert.deepEqual(h.codes, []);
  assert.match(h.lines.join('\n'), /SIGTERM: already stopping/);
  process.emit('SIGINT');
  assert.equal(await h.exited, 1);
  assert.match(h.lines.join('\n'), /SIGINT again: exiting now\. Not stopped: the station/);
  release();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(h.codes, [1]);
});

test('the same signal twice at once (Ctrl-C to the process group, and passed on by a parent) is one request', async (t) => {
  const h = harness([{ what: 'the station', stop: () => new Promise<void>((r) => setImmediate(r)) }]);
  t.after(() => h.stopper.dispose());
  process.emit('SIGINT');
  process.emit('SIGINT');
  assert.equal(await h.exited, 0);
  assert.match(h.lines.join('\n'), /SIGINT: already stopping/);
});

test('a step that fails is logged, the others still run, and the exit status is 1', async (t) => {
  const ran: string[] = [];
  const h = harness([
    { what: 'the station', stop: () => Promise.reject(new Error('boom')) },
    { what: 'the simulator', stop: () => void ran.push('simulator') },
  ]);
  t.after(() => h.stopper.dispose());
  h.stopper.stop('the parent has gone');
  assert.equal(await h.exited, 1);
  assert.deepEqual(ran, ['simulator']);
  assert.match(h.lines.join('\n'), /the parent has gone: stopping[\s\S]*error stopping the station: Error: boom/);
});
