import {
  shownSignature,
  type Configuration,
  type EquipmentModel,
  type EventView,
  type LineView,
  type OrderView,
  type PackMLState,
  type ProductDefinition,
  type RecordedEvent,
  type StockItem,
  type TerminalView,
  type WipItem,
} from '../../core';
import type { EventStore } from '../store';
import { LineSchedule, type Hint, type Planned, type Revised, type TimelineEntry } from './line-schedule';
import { productDefinition } from './facts';
import { TerminalReads } from './terminal-reads';
import type { Clock } from './clock';

export interface PlcStatus {
  readonly connected: boolean;
  readonly message: string;
}

interface OrderRow {
  number: string;
  product: string;
  revision: string;
  quantity: number;
  due_date: string;
  priority: number;
  status: OrderView['status'];
  hold_reason: string | null;
  position: number | null;
  units_started: number;
  units_good: number;
  units_scrapped: number;
  received_at: string;
  updated_at: string;
  tracking: 'serial' | 'lot';
  options: string | null;
}


/** The station's read side: what the screens and ERP ask. Reads projections only. */

export class Queries {
  constructor(
    private readonly store: EventStore,
    /** The line as set up now (null: none yet). */
    private readonly equipment: () => EquipmentModel | null,
    private readonly clock: Clock,
    private readonly plc: () => PlcStatus,
    /** Quality of a work center's live signals: 'bad' when its state tag is not good. */
    private readonly quality: (workCenter: string) => 'good' | 'bad',
  ) {
    this.schedule = new LineSchedule(store.db, () => equipment()?.line.id ?? '', clock, (product, revision) => this.definition(product, revision));
    this.terminals = new TerminalReads(store.db, equipment, quality, (product, revision) => this.definition(product, revision));
  }

  private readonly terminals: TerminalReads;

  private readonly schedule: LineSchedule;

  /** The line's plan for a sequence of the dispatch list (default: as it stands); see LineSchedule.timeline. */
  timeline(sequence?: readonly string[], o: { withReleased?: boolean } = {}): TimelineEntry[] {
    return this.schedule.timeline(sequence, o);
  }

  /** Every dispatched order's place, ETA and hints, now and as if `revised` orders were built to another revision. */
  planWith(revised: Revised): { before: Map<string, Planned>; after: Map<string, Planned>; now: number } {
    // One moment for both: the difference is the change's, not the clock's.
    const now = this.clock.now().getTime();
    return { before: this.schedule.planAt(now), after: this.schedule.planAt(now, revised), now };
  }

  private get db() {
    return this.store.db;
  }

  /** Keeps the in-memory dispatch list in step; the station calls it with every committed batch. */
  applyCommitted(events: readonly RecordedEvent[]): void {
    if (events.some((e) => e.type === 'ProductDefined')) this.definitions.clear();
    this.schedule.apply(events);
  }

  line(): LineView {
    const plc = this.plc();
    const equipment = this.equipment();
    if (!equipment) {
      return { site: null, area: null, line: null, workCenters: [], plc: { connected: plc.connected, message: plc.message }, output: { good: 0, scrapped: 0 } };
    }
    const wcRows = new Map(
      (this.db.prepare('SELECT * FROM work_centers').all() as {
        id: string; state: string | null; state_since: string | null; good: number; rejected: number; last_measurement: string | null;
      }[]).map((r) => [r.id, r]),
    );
    const inMachine = new Map(
      (this.db.prepare("SELECT serial, order_number, work_center, since FROM units WHERE status = 'in_operation'").all() as {
        serial: string; order_number: string; work_center: string; since: string;
      }[]).map((u) => [u.work_center, u]),
    );
    const queued = new Map(
      (this.db.prepare("SELECT work_center, count(*) AS n FROM units WHERE status = 'queued' GROUP BY work_center").all() as {
        work_center: string; n: number;
      }[]).map((q) => [q.work_center, q.n]),
    );
    const held = new Map(
      (this.db.prepare('SELECT work_center, count(*) AS n FROM units WHERE held_for IS NOT NULL GROUP BY work_center').all() as { work_center: string; n: number }[]).map(
        (q) => [q.work_center, q.n],
      ),
    );
    // A stop still running counts once it has lasted the micro-stop threshold.
    const microMs = ((this.db.prepare("SELECT coalesce(json_extract(settings, '$.microStopSeconds'), 120) FROM time_classes ORDER BY seq DESC LIMIT 1").pluck().get() as number | undefined) ?? 120) * 1000;
    const unreasoned = new Map(
      (this.db
        .prepare('SELECT work_center, count(*) AS n FROM downtime WHERE reason IS NULL AND micro = 0 AND (end_ms IS NOT NULL OR start_ms <= ?) GROUP BY work_center')
        .all(this.clock.now().getTime() - microMs) as { work_center: string; n: number }[]).map((q) => [q.work_center, q.n]),
    );
    // Counted on the (status, work_center) index, not by reading every unit ever built.
    const count = this.db.prepare('SELECT count(*) FROM units WHERE status = ?').pluck();
    const output = { good: count.get('completed') as number, scrapped: count.get('scrapped') as number };
    return {
      site: equipment.site,
      area: equipment.area,
      line: { id: equipment.line.id, name: equipment.line.name },
      plc: { connected: plc.connected, message: plc.message },
      output,
      workCenters: equipment.line.workCenters.map((wc, position) => {
        const row = wcRows.get(wc.id);
        const unit = inMachine.get(wc.id);
        return {
          id: wc.id,
          name: wc.name,
          position,
          state: (row?.state as PackMLState | null) ?? 'Unknown',
          stateSince: row?.state_since ?? null,
          unit: unit ? { serial: unit.serial, order: unit.order_number, since: unit.since } : null,
          queue: queued.get(wc.id) ?? 0,
          held: held.get(wc.id) ?? 0,
          stopsWithoutReason: unreasoned.get(wc.id) ?? 0,
          counters: { good: row?.good ?? 0, rejected: row?.rejected ?? 0 },
          lastMeasurement: row?.last_measurement ? (JSON.parse(row.last_measurement) as LineView['workCenters'][number]['lastMeasurement']) : null,
          quality: this.quality(wc.id),
        };
      }),
    };
  }

  orders(filter: 'open' | 'all'): OrderView[] {
    const where = filter === 'open' ? "WHERE o.status NOT IN ('completed', 'cancelled')" : '';
    const rows = this.db
      .prepare(
        `SELECT o.*, d.position FROM orders o LEFT JOIN dispatch_list d ON d.number = o.number ${where}
         ORDER BY d.position IS NULL, d.position, o.priority, o.due_date, o.received_at`,
      )
      .all() as OrderRow[];
    const planned = this.schedule.all();
    const held = this.heldUnits();
    // Positions are ranks: the sequence shown is the place in the list.
    let sequence = 0;
    return rows.map((r) => {
      const p = planned.get(r.number);
      return this.toView(r, r.position === null ? null : (sequence += 1), p?.eta ?? null, [...(p?.hints ?? []), ...(held.get(r.number) ?? [])]);
    });
  }

  order(number: string): OrderView | null {
    const row = this.db
      .prepare('SELECT o.*, d.position FROM orders o LEFT JOIN dispatch_list d ON d.number = o.number WHERE o.number = ?')
      .get(number) as OrderRow | undefined;
    if (!row) return null;
    const held = this.heldUnits(number).get(number) ?? [];
    if (row.position === null) return this.toView(row, null, null, held);
    // The place, the ETA and the hints depend only on the orders ahead of it in the dispatch list (kept in memory).
    const p = this.schedule.one(number);
    return this.toView(row, p?.sequence ?? null, p?.eta ?? null, [...(p?.hints ?? []), ...held]);
  }

  /** Units held for a disposition under an engineering change, as hints per order (few: a partial index finds them). */
  private heldUnits(number?: string): Map<string, Hint[]> {
    const rows = this.db
      .prepare(
        `SELECT order_number, held_for, count(*) AS n FROM units WHERE held_for IS NOT NULL ${number === undefined ? '' : 'AND order_number = ?'}
         GROUP BY order_number, held_for`,
      )
      .all(...(number === undefined ? [] : [number])) as { order_number: string; held_for: string; n: number }[];
    const out = new Map<string, Hint[]>();
    for (const r of rows) {
      const hint: Hint = { kind: 'disposition', text: `${r.n} unit(s) held for a disposition under change ${r.held_for}.` };
      out.set(r.order_number, [...(out.get(r.order_number) ?? []), hint]);
    }
    return out;
  }

  /** Every unit on the line, with the operations it has left and when it should be done. */
  private unitEta(operations: readonly { seq: number; workCenter: string }[], position: number, status: string, since: string, product: string, revision: string, now: number, factor: number): number {
    const routing = this.routing(product, revision);
    let seconds = 0;
    operations.slice(position).forEach((op, i) => {
      const std = routing.find((r) => r.seq === op.seq)?.standardCycleSeconds ?? 0;
      seconds += i === 0 && status === 'in_operation' ? Math.max(0, std - (now - Date.parse(since)) / 1000) : std;
    });
    return now + seconds * factor * 1000;
  }

  /** Current performance against standard: observed takt over the slowest standard cycle (1 until units are finished). */
  private performanceFactor(): number {
    const observed = this.schedule.observedTaktSeconds();
    if (observed === null) return 1;
    const product = this.db.prepare("SELECT product, revision FROM units WHERE status = 'completed' ORDER BY ended_at DESC LIMIT 1").get() as
      | { product: string; revision: string }
      | undefined;
    const slowest = product ? Math.max(1, ...this.routing(product.product, product.revision).map((o) => o.standardCycleSeconds)) : observed;
    return Math.min(5, Math.max(0.5, observed / slowest));
  }

  products(): ProductDefinition[] {
    return (this.db.prepare('SELECT definition FROM products ORDER BY product, revision').pluck().all() as string[]).map((d) => JSON.parse(d) as ProductDefinition);
  }

  /** Material on hand. */
  stock(): StockItem[] {
    return (
      this.db
        .prepare('SELECT s.material, s.revision, coalesce(m.description, \'\') AS description, s.on_hand, s.updated_at FROM stock s LEFT JOIN materials m ON m.id = s.material AND m.revision = s.revision ORDER BY 1, 2')
        .all() as { material: string; revision: string; description: string; on_hand: number; updated_at: string }[]
    ).map((r) => ({ material: r.material, revision: r.revision, description: r.description, onHand: r.on_hand, updatedAt: r.updated_at }));
  }

  /** One work center's operator terminal. */
  /** An operator terminal: see TerminalReads. */
  terminal(workCenter: string): TerminalView | null {
    return this.terminals.terminal(workCenter);
  }

  wip(): WipItem[] {
    const now = this.clock.now().getTime();
    const factor = this.performanceFactor();
    return (
      this.db
        .prepare(
          `SELECT serial, order_number, product, revision, operation, operation_name, work_center, status, since, position, operations, held_for FROM units
           WHERE status IN ('queued', 'in_operation') ORDER BY started_at, serial`,
        )
        .all() as {
          serial: string; order_number: string; product: string; revision: string; operation: number; operation_name: string;
          work_center: string; status: WipItem['status']; since: string; position: number; operations: string; held_for: string | null;
        }[]
    ).map((u) => {
      const ops = JSON.parse(u.operations) as { seq: number; workCenter: string }[];
      return {
        serial: u.serial,
        order: u.order_number,
        product: u.product,
        operation: u.operation,
        operationName: u.operation_name,
        workCenter: u.work_center,
        status: u.status,
        since: u.since,
        remainingOperations: Math.max(0, ops.length - u.position),
        operations: ops.length,
        eta: new Date(this.unitEta(ops, u.position, u.status, u.since, u.product, u.revision, now, factor)).toISOString(),
        heldFor: u.held_for,
      };
    });
  }


  events(after: number, limit: number, stream?: string, hiddenTypes: readonly string[] = []): EventView[] {
    return this.store.readAll(after, limit, stream, hiddenTypes).map((e) => ({
      seq: e.seq,
      stream: e.stream,
      type: e.type,
      at: e.at,
      actor: e.actor,
      correlationId: e.correlationId,
      data: e.data,
      signatures: (e.signatures ?? []).map(shownSignature),
    }));
  }

  // Product definitions, cached; the station clears the cache when a definition is recorded.
  private readonly definitions = new Map<string, ProductDefinition>();
  private definition(product: string, revision: string): ProductDefinition | null {
    const key = `${product}/${revision}`;
    const cached = this.definitions.get(key);
    if (cached) return cached;
    const definition = productDefinition(this.db, product, revision);
    if (definition) this.definitions.set(key, definition);
    return definition;
  }

  private routing(product: string, revision: string): ProductDefinition['routing'] {
    return this.definition(product, revision)?.routing ?? [];
  }

  private toView(r: OrderRow, sequence: number | null, eta: string | null, hints: readonly Hint[] = []): OrderView {
    return {
      number: r.number,
      product: r.product,
      revision: r.revision,
      quantity: r.quantity,
      dueDate: r.due_date,
      priority: r.priority,
      status: r.status,
      holdReason: r.status === 'held' || r.status === 'cancelled' ? r.hold_reason : null,
      sequence,
      unitsStarted: r.units_started,
      unitsGood: r.units_good,
      unitsScrapped: r.units_scrapped,
      eta,
      receivedAt: r.received_at,
      updatedAt: r.updated_at,
      tracking: r.tracking,
      ...(r.options ? { options: JSON.parse(r.options) as Configuration } : {}),
      hints: [...hints],
    };
  }
}
