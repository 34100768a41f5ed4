import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as api from './index';
import type { ApiModule, OperationSpec } from './operation';

// Every module the API's index exports (sessionApi, ordersApi, …), found by name: none to list here by hand.
const modules = (Object.entries(api) as [string, unknown][]).filter(([name]) => name.endsWith('Api')) as [string, ApiModule][];
const operations = Object.entries(api.contract) as [string, OperationSpec][];
const segments = (spec: OperationSpec) => spec.path.split('/').slice(1);
const isParam = (segment: string) => /^\{\w+\}$/.test(segment);

test('the contract is its modules put together: every operation is declared in exactly one module', () => {
  assert.ok(modules.length >= 10, `found the modules ${modules.map(([n]) => n).join(', ')}`);
  for (const [name] of operations) {
    const owners = modules.filter(([, m]) => Object.hasOwn(m, name)).map(([n]) => n);
    assert.equal(owners.length, 1, `${name} is declared in ${owners.join(' and ') || 'no module'}`);
  }
  assert.equal(operations.length, modules.reduce((n, [, m]) => n + Object.keys(m).length, 0));
});

test('no two operations answer the same request: a new module cannot shadow another one\'s path', () => {
  for (const [i, [a, x]] of operations.entries()) {
    for (const [b, y] of operations.slice(i + 1)) {
      if (x.method !== y.method) continue;
      const sx = segments(x);
      const sy = segments(y);
      const overlap = sx.length === sy.length && sx.every((s, k) => s === sy[k] || isParam(s) || isParam(sy[k] ?? ''));
      assert.ok(!overlap, `${a} (${x.method} ${x.path}) and ${b} (${y.method} ${y.path}) match the same requests`);
    }
  }
});

test('every path parameter is a field of its operation\'s input', () => {
  for (const [name, spec] of operations) {
    const params = segments(spec).filter(isParam);
    if (params.length === 0) continue;
    const shape = (spec.input as unknown as { shape?: Record<string, unknown> }).shape ?? {};
    for (const p of params) assert.ok(Object.hasOwn(shape, p.slice(1, -1)), `${name}: ${p} is not in its input`);
  }
});

test('the stream\'s pushed events are the ones the screens apply; a newer station\'s extra event is a notice, not an error', () => {
  assert.deepEqual([...api.PUSHED_EVENT_TYPES].sort(), ['OrderDequeued', 'OrderMoved', 'OrderQueued', 'WorkCenterStateChanged']);
  const changed = api.streamContract.message.parse({
    kind: 'changed',
    seq: 9,
    topics: ['orders'],
    events: [
      { seq: 8, type: 'OrderMoved', stream: 'queue:L1', version: 4, at: '2026-01-05T08:00:00.000Z', data: { line: 'L1', number: 'PO-1', from: 2, to: 0 } },
      { seq: 9, type: 'SomethingNew', stream: 'x:1', version: 1, data: { anything: true } },
    ],
  });
  assert.equal(changed.kind, 'changed');
  const [moved, notice] = changed.kind === 'changed' ? changed.events : [];
  assert.ok(moved && api.isPushedEvent(moved) && moved.type === 'OrderMoved' && moved.data.to === 0);
  assert.ok(notice && !api.isPushedEvent(notice));
  assert.equal('data' in notice, false);
});
