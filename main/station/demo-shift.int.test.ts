import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OrderView } from '../../core';
import { api, withStation } from '../../tests/support/station-harness';

test("a new demo station receives a shift's orders from ERP as B2MML and dispatches them; --empty and later starts do not", async () => {
  const ctx = await withStation({ demoSchedule: true });
  try {
    const c = api(ctx.url);
    await c.login('supervisor');
    const orders = (await c.request('GET', '/orders')).body as unknown as OrderView[];
    assert.equal(orders.length, 8);
    assert.ok(orders.every((o) => o.status === 'dispatched'), 'every order of the shift is on the dispatch list');
    const list = (await c.request('GET', '/line/dispatch-list')).body as unknown as { orders: string[] };
    assert.equal(list.orders.length, 8);
    const events = (await c.request('GET', '/events?limit=1000')).body as unknown as { type: string; actor: string; data: { number?: string } }[];
    const received = events.filter((e) => e.type === 'OrderReceived');
    assert.ok(received.every((e) => e.actor === 'erp'), 'received through the intake, as ERP');
    assert.ok(events.filter((e) => e.type === 'OrderDispatched').every((e) => e.actor === 'lead'));
    // Due through the shift, one after another.
    const due = orders.map((o) => Date.parse(o.dueDate)).sort((a, b) => a - b);
    assert.ok(due.every((d, i) => i === 0 || d > due[i - 1]!));
    // The demo plant's three shifts: OEE has a shift running from the first minute.
    const settings = (await c.request('GET', '/oee/settings')).body as unknown as { calendar: { shifts: { name: string }[] } | null };
    assert.deepEqual(settings.calendar?.shifts.map((x) => x.name), ['E', 'L', 'N']);
    const now = (await c.request('GET', '/oee/current')).body as unknown as { shift: string | null };
    assert.match(now.shift ?? '', /^\d{4}-\d{2}-\d{2}\/[ELN]$/);
    // A later start of the same station receives no second shift.
    await ctx.dispose(async (dataDir) => {
      const again = await withStation({ dataDir, demoSchedule: true });
      try {
        const s = api(again.url);
        await s.login('supervisor');
        assert.equal(((await s.request('GET', '/orders?status=all')).body as unknown as OrderView[]).length, 8);
      } finally {
        await again.dispose();
      }
    });
  } finally {
    await ctx.dispose();
  }
  const empty = await withStation({ demoSchedule: false });
  try {
    const c = api(empty.url);
    await c.login('supervisor');
    assert.deepEqual((await c.request('GET', '/orders')).body, []);
  } finally {
    await empty.dispose();
  }
});
