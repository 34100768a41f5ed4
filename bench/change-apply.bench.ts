import { join } from 'node:path';
import { diffRevisions, unitRouting, type DomainEvent, type ProductDefinition } from '../core';
import { EventStore, createProjector, openDatabase, type AppendMeta } from '../main/store';
import { Changes } from '../main/station/changes';
import { newContext } from '../main/station/context';
import { fixedLine } from '../main/station/line-setup';
import { tempDir } from '../tests/support/station-fixtures';

export interface ApplyResult {
  readonly name: string;
  readonly orders: number;
  readonly units: number;
  /** Events the approval appended in its one transaction (orders moved, units revised, the change, the revision). */
  readonly events: number;
  readonly applySeconds: number;
  readonly eventsPerSecond: number;
  /** The raw limit: the same events appended to the same store in one transaction, nothing loaded or decided. */
  readonly bareEventsPerSecond: number;
  readonly ratio: number;
  readonly pass: boolean;
}

const op = (seq: number, name: string, more: Partial<ProductDefinition['routing'][number]> = {}) => ({
  seq, name, workCenter: `WC${seq}`, standardCycleSeconds: 3, components: [], measurements: [], instruction: '', onFail: 'reject' as const, ...more,
});

/**
 * Applying an approved change to 10,000 open orders and 50,000 units in progress (at every operation, queued or in
 * work; units past the changed operation have a disposition chosen, so none is held): the work written as events
 * through the store's projections beforehand, then the approval timed, then the same events appended bare.
 */
export async function benchApplyChange(log: (line: string) => void, orders = 10_000, units = 50_000): Promise<ApplyResult> {
  const dir = tempDir('mes-apply-');
  const db = openDatabase(join(dir.path, 'apply.sqlite'), { synchronous: 'FULL' });
  try {
    const store = new EventStore(db, 'ST-bench', createProjector(db));
    const B: ProductDefinition = {
      product: 'VLV-100', revision: 'B', description: '', tracking: 'serial',
      bom: [{ material: 'BODY-25', revision: 'C', quantity: 1 }, { material: 'SCR-M8', revision: 'A', quantity: 4 }],
      routing: [op(10, 'Press', { components: [{ material: 'BODY-25', quantity: 1 }] }), op(20, 'Fit bonnet', { components: [{ material: 'SCR-M8', quantity: 4 }] }), op(30, 'Leak test', { measurements: [{ name: 'Leak rate', unit: 'ml/min', low: 0, high: 1 }] }), op(40, 'Label')],
    };
    const C: ProductDefinition = { ...B, revision: 'C', routing: B.routing.map((o) => (o.seq === 30 ? { ...o, measurements: [{ name: 'Leak rate', unit: 'ml/min', low: 0, high: 0.5 }] } : o)) };
    const meta: AppendMeta = { at: '2026-12-06T06:00:00.000Z', actor: 'bench', correlationId: 'bench' };
    const started = Date.now();
    const routing = unitRouting(B);
    const perOrder = Math.ceil(units / orders) * 2;
    await store.submit((tx) => {
      tx.append('material:BODY-25/C', 0, [{ type: 'MaterialDefined', data: { id: 'BODY-25', revision: 'C', description: 'Body', unitOfMeasure: 'ea' } }], meta);
      tx.append('material:SCR-M8/A', 0, [{ type: 'MaterialDefined', data: { id: 'SCR-M8', revision: 'A', description: 'Screw', unitOfMeasure: 'ea' } }], meta);
      tx.append('product:VLV-100/B', 0, [{ type: 'ProductDefined', data: B }], meta);
      tx.append('change:ECN-B', 0, [{ type: 'ChangeSubmitted', data: { change: { number: 'ECN-B', reason: 'bench', definition: C, effectivity: { kind: 'all-open' } }, replaces: 'B', diff: diffRevisions(B, C) } }], meta);
    });
    let made = 0;
    const choices: { serial: string; disposition: 'rework' }[] = [];
    for (let from = 0; from < orders; from += 500) {
      await store.submit((tx) => {
        for (let i = from; i < Math.min(orders, from + 500); i += 1) {
          const n = `PO-${String(i).padStart(6, '0')}`;
          // Half the orders are in progress with units at every place on the line; the rest not started.
          const inWork = i % 2 === 0 && made < units ? Math.min(perOrder, units - made) : 0;
          const orderEvents: DomainEvent[] = [
            { type: 'OrderReceived', data: { number: n, product: 'VLV-100', revision: 'B', quantity: perOrder, dueDate: '2026-12-24', priority: 5 } },
            { type: 'OrderReleased', data: { number: n } },
          ];
          if (inWork > 0) orderEvents.push({ type: 'OrderDispatched', data: { number: n, line: 'L1' } }, { type: 'OrderStarted', data: { number: n } });
          tx.append(`order:${n}`, 0, orderEvents, meta);
          for (let u = 0; u < inWork; u += 1, made += 1) {
            const serial = `${n}-${String(u + 1).padStart(4, '0')}`;
            const position = made % 4;
            const events: DomainEvent[] = [{ type: 'UnitStarted', data: { serial, order: n, product: 'VLV-100', revision: 'B', operations: routing } }];
            for (let p = 0; p < position; p += 1) {
              const at = routing[p]!;
              events.push(
                { type: 'UnitArrived', data: { serial, operation: at.seq, workCenter: at.workCenter } },
                { type: 'OperationCompleted', data: { serial, order: n, operation: at.seq, workCenter: at.workCenter, measurements: [], result: 'pass' } },
              );
            }
            if (made % 3 === 0) events.push({ type: 'UnitArrived', data: { serial, operation: routing[position]!.seq, workCenter: routing[position]!.workCenter } });
            tx.append(`unit:${serial}`, 0, events, meta);
            if (position === 3) choices.push({ serial, disposition: 'rework' });
          }
        }
      });
    }
    const ctx = newContext({ now: () => new Date(meta.at) }, 'bench');
    const changes = new Changes(store, fixedLine('L1', ['WC10', 'WC20', 'WC30', 'WC40']));
    const chosen = await changes.chooseDispositions('ECN-B', choices, ctx);
    if (!chosen.ok) throw new Error(chosen.error.message);
    log(`  ${orders.toLocaleString('en')} open orders and ${units.toLocaleString('en')} units in progress recorded as events in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const before = store.lastSeq();
    const t = process.hrtime.bigint();
    const approved = await changes.approve('ECN-B', ctx);
    const applySeconds = Number(process.hrtime.bigint() - t) / 1e9;
    if (!approved.ok) throw new Error(approved.error.message);
    const events = store.lastSeq() - before;
    const revised = db.prepare("SELECT count(*) FROM units WHERE revision = 'C'").pluck().get() as number;
    log(`  approval applied: ${events.toLocaleString('en')} events in ${applySeconds.toFixed(2)} s; ${revised.toLocaleString('en')} units now on rev C`);

    // The raw limit: the same events, read back, appended to fresh streams in one transaction through the same store.
    const rows = db.prepare('SELECT type, data FROM events WHERE seq > ? ORDER BY seq').all(before) as { type: string; data: string }[];
    const same = rows.map((r) => ({ type: r.type, data: JSON.parse(r.data) as unknown }) as DomainEvent);
    const bare = new EventStore(db, 'ST-bench', () => undefined);
    const tb = process.hrtime.bigint();
    await bare.submit((tx) => {
      same.forEach((e, i) => tx.append(`bare:${i}`, 0, [e], meta));
    });
    const bareSeconds = Number(process.hrtime.bigint() - tb) / 1e9;
    const eventsPerSecond = Math.round(events / applySeconds);
    const bareEventsPerSecond = Math.round(same.length / bareSeconds);
    return {
      name: 'change-apply',
      orders,
      units,
      events,
      applySeconds: Number(applySeconds.toFixed(2)),
      eventsPerSecond,
      bareEventsPerSecond,
      ratio: Number((eventsPerSecond / bareEventsPerSecond).toFixed(2)),
      pass: revised === units,
    };
  } finally {
    db.close();
    dir.dispose();
  }
}
