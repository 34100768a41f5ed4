import {
  ErrorCode,
  fail,
  feedingSequence,
  materialLevels,
  ok,
  queueDecider,
  receiptAt,
  shortagesOf,
  streams,
  supplyDecider,
  type CommandContext,
  type ExpectedReceipt,
  type PlannedOrder,
  type PlannedRow,
  type Result,
  type Shortage,
  type SupplyReceipt,
  type SupplyView,
} from '../../core';
import type { EventStore } from '../store';
import { exec, must, submitWhole } from './exec';
import { materialDefined, ordersOnLine } from './facts';
import type { LineRef } from './line-setup';
import type { TimelineEntry } from './line-schedule';

/** The line's plan for a sequence of the dispatch list (default: as it stands), released orders after it if asked. */
export type Timeline = (sequence?: readonly string[], o?: { withReleased?: boolean }) => TimelineEntry[];

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Supplier receipts and what they mean for the line: receipts from ERP recorded whole or not at all; the dispatch
 * list's material against stock and receipts in time (core/supply); a feeding sequence, and applying a sequence
 * through the dispatch list's own moves.
 */
export class Supply {
  constructor(
    private readonly store: EventStore,
    private readonly line: LineRef,
    private readonly timeline: Timeline,
    private readonly now: () => number,
  ) {}

  expect(receipts: readonly ExpectedReceipt[], ctx: CommandContext): Promise<Result<{ expected: string[]; revised: string[]; slipped: string[]; unchanged: string[] }>> {
    return submitWhole(this.store, (tx) => {
      const out = { expected: [] as string[], revised: [] as string[], slipped: [] as string[], unchanged: [] as string[] };
      const seen = new Set<string>();
      for (const r of receipts) {
        if (seen.has(r.id)) return fail(ErrorCode.validation, `Receipt ${r.id} is in the message twice: one line per receipt. Nothing was recorded.`);
        seen.add(r.id);
        const events = must(exec(tx, streams.receipt(r.id), supplyDecider, { type: 'ExpectReceipt', receipt: r, materialDefined: materialDefined(tx.db, r.material, r.revision) }, ctx));
        const e = events[0];
        if (!e) out.unchanged.push(r.id);
        else if (e.type === 'ReceiptExpected') out.expected.push(r.id);
        else if (e.type === 'ReceiptRevised') (e.data.slip ? out.slipped : out.revised).push(r.id);
      }
      return ok(out);
    });
  }

  view(): SupplyView {
    const db = this.store.db;
    const now = this.now();
    const receiptRows = db.prepare('SELECT * FROM expected_receipts ORDER BY expected_at, id').all() as {
      id: string; material: string; revision: string; quantity: number; expected_at: string; supplier: string; first_expected_at: string; first_quantity: number; slips: number; updated_at: string;
    }[];
    const receipts: SupplyReceipt[] = receiptRows.map((r) => ({ id: r.id, material: r.material, revision: r.revision, quantity: r.quantity, at: receiptAt(r.expected_at) }));
    const stock = new Map((db.prepare('SELECT material, revision, on_hand FROM stock').all() as { material: string; revision: string; on_hand: number }[]).map((s) => [`${s.material}/${s.revision}`, s.on_hand]));
    const current = this.timeline(undefined, { withReleased: true });
    const planned = current.map(toPlanned);
    const shortages = shortagesOf(planned, stock, receipts);
    const onList = current.filter((t) => t.dispatched);
    const sequence = feedingSequence(onList.map(toPlanned), stock, receipts, now);
    const same = sequence.every((n, i) => onList[i]?.number === n);
    let proposed: PlannedRow[] | null = null;
    if (!same) {
      const next = this.timeline(sequence);
      proposed = rows(next, shortagesOf(next.map(toPlanned), stock, receipts));
    }
    const listVersion = (db.prepare('SELECT coalesce(max(stream_version), 0) FROM events WHERE stream = ?').pluck().get(streams.queue(this.line.id ?? '')) as number) ?? 0;
    return {
      receipts: receiptRows.map((r) => ({
        id: r.id, material: r.material, revision: r.revision, quantity: r.quantity, expectedAt: r.expected_at, supplier: r.supplier,
        firstExpectedAt: r.first_expected_at, firstQuantity: r.first_quantity, slips: r.slips, updatedAt: r.updated_at,
      })),
      shortages: shortages.map((s) => ({ ...s, at: iso(s.at), coveredAt: s.coveredAt === null ? null : iso(s.coveredAt), coveredBy: [...s.coveredBy], alternates: [...s.alternates] })),
      current: rows(onList, shortages),
      levels: [...new Map(shortages.map((x) => [`${x.material}/${x.revision}`, x])).values()].map((x) => ({
        material: x.material,
        revision: x.revision,
        steps: materialLevels(x.material, x.revision, planned, stock, receipts, now).map((st) => ({ ...st, at: iso(st.at) })),
      })),
      proposed,
      listVersion,
    };
  }

  /**
   * The dispatch list put in this order in one transaction, by the moves a drag makes (each judged as a drag is: an
   * order with units on the line keeps its place); refused whole if the list changed since the caller read it.
   */
  applySequence(orders: readonly string[], listVersion: number, ctx: CommandContext): Promise<Result<{ line: string; version: number; seq: number; orders: string[] }>> {
    const lineId = this.line.id;
    if (!lineId) return Promise.resolve(fail(ErrorCode.conflict, 'No line is set up on this station yet: there is no dispatch list to put in order.'));
    const queue = streams.queue(lineId);
    return submitWhole(this.store, (tx) => {
      const { state, version } = tx.load(queue, queueDecider);
      if (version !== listVersion) {
        return fail(ErrorCode.conflict, 'The dispatch list changed since your screen showed it (someone else resequenced it, or an order came or went). Nothing was moved: look at the proposal again.', {
          version,
        });
      }
      const missing = state.orders.filter((n) => !orders.includes(n));
      const strange = orders.filter((n) => !state.orders.includes(n));
      if (missing.length > 0 || strange.length > 0 || new Set(orders).size !== orders.length) {
        const words = [missing.length > 0 ? `it leaves out ${missing.slice(0, 5).join(', ')}` : '', strange.length > 0 ? `${strange.slice(0, 5).join(', ')} not on the list` : '']
          .filter(Boolean)
          .join('; ');
        return fail(ErrorCode.validation, `A sequence names every order of the dispatch list once (${words || 'an order named twice'}). Nothing was moved.`);
      }
      const inProgress = ordersOnLine(tx.db, lineId);
      const list = [...state.orders];
      orders.forEach((number, to) => {
        if (list[to] === number) return;
        must(exec(tx, queue, queueDecider, { type: 'Move', line: lineId, number, to, inProgress }, ctx));
        list.splice(list.indexOf(number), 1);
        list.splice(to, 0, number);
      });
      const after = tx.load(queue, queueDecider);
      const seq = (tx.db.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck().get() as number) ?? 0;
      return ok({ line: lineId, version: after.version, seq, orders: [...after.state.orders] });
    });
  }
}

function toPlanned(t: TimelineEntry): PlannedOrder {
  return {
    number: t.number,
    startAt: t.startAt,
    endAt: t.endAt,
    locked: t.locked,
    needs: t.bom.map((b) => ({ material: b.material, revision: b.revision, quantity: b.quantity * t.toBuild, ...(b.alternates ? { alternates: b.alternates } : {}) })).filter((n) => n.quantity > 0),
  };
}

function rows(timeline: readonly TimelineEntry[], shortages: readonly Shortage[]): PlannedRow[] {
  const byOrder = new Map<string, string[]>();
  for (const s of shortages) byOrder.set(s.order, [...(byOrder.get(s.order) ?? []), `${s.material} rev ${s.revision}: needs ${s.needed}, ${s.available} there when it starts`]);
  return timeline
    .filter((t) => t.dispatched)
    .map((t, i) => ({
      number: t.number,
      product: t.product,
      position: i + 1,
      dueDate: t.dueDate,
      eta: t.held ? null : iso(t.endAt),
      late: !t.held && Number.isFinite(t.dueAt) && t.endAt > t.dueAt,
      locked: t.locked,
      short: byOrder.get(t.number) ?? [],
    }));
}
