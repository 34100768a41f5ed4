import type { EquipmentModel, EventView, LineView, OrderView, PackMLState, ProductDefinition, WipItem } from '../../core';
import type { EventStore } from '../store';
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
}

/** The station's read side: what the screens and ERP ask. Reads projections only. */
export class Queries {
  constructor(
    private readonly store: EventStore,
    private readonly equipment: EquipmentModel,
    private readonly clock: Clock,
    private readonly plc: () => PlcStatus,
    /** Quality of a work center's live signals: 'bad' when its state tag is not good. */
    private readonly quality: (workCenter: string) => 'good' | 'bad',
  ) {}

  private get db() {
    return this.store.db;
  }

  line(): LineView {
    const plc = this.plc();
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
    // Counted on the (status, work_center) index, not by reading every unit ever built.
    const count = this.db.prepare('SELECT count(*) FROM units WHERE status = ?').pluck();
    const output = { good: count.get('completed') as number, scrapped: count.get('scrapped') as number };
    return {
      site: this.equipment.site,
      area: this.equipment.area,
      line: { id: this.equipment.line.id, name: this.equipment.line.name },
      plc: { connected: plc.connected, message: plc.message },
      output,
      workCenters: this.equipment.line.workCenters.map((wc, position) => {
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
    const etas = this.etas(rows);
    return rows.map((r) => this.toView(r, etas.get(r.number) ?? null));
  }

  order(number: string): OrderView | null {
    const row = this.db
      .prepare('SELECT o.*, d.position FROM orders o LEFT JOIN dispatch_list d ON d.number = o.number WHERE o.number = ?')
      .get(number) as OrderRow | undefined;
    if (!row) return null;
    if (row.position === null) return this.toView(row, null);
    // The ETA depends only on the orders ahead of it in the dispatch list.
    const listed = this.db
      .prepare('SELECT o.*, d.position FROM dispatch_list d JOIN orders o ON o.number = d.number WHERE d.position <= ? ORDER BY d.position')
      .all(row.position) as OrderRow[];
    return this.toView(row, this.etas(listed).get(number) ?? null);
  }

  wip(): WipItem[] {
    return (
      this.db
        .prepare(
          `SELECT serial, order_number, product, operation, operation_name, work_center, status, since FROM units
           WHERE status IN ('queued', 'in_operation') ORDER BY started_at, serial`,
        )
        .all() as { serial: string; order_number: string; product: string; operation: number; operation_name: string; work_center: string; status: WipItem['status']; since: string }[]
    ).map((u) => ({
      serial: u.serial,
      order: u.order_number,
      product: u.product,
      operation: u.operation,
      operationName: u.operation_name,
      workCenter: u.work_center,
      status: u.status,
      since: u.since,
    }));
  }

  events(after: number, limit: number, stream?: string): EventView[] {
    return this.store.readAll(after, limit, stream).map((e) => ({ seq: e.seq, stream: e.stream, type: e.type, at: e.at, actor: e.actor, data: e.data }));
  }

  /**
   * ETA of each dispatched order: the line builds the dispatch list in order, one unit per takt. Takt is the
   * pace seen over the last completed units, or the routing's slowest standard cycle until there is one;
   * the first unit also needs the routing's flow time.
   */
  private etas(rows: readonly OrderRow[]): Map<string, string> {
    const out = new Map<string, string>();
    const now = this.clock.now().getTime();
    const observed = this.observedTaktSeconds();
    let cumulative = 0;
    for (const r of rows.filter((o) => o.position !== null).sort((a, b) => (a.position ?? 0) - (b.position ?? 0))) {
      const routing = this.routing(r.product, r.revision);
      const slowest = Math.max(1, ...routing.map((op) => op.standardCycleSeconds));
      const flow = routing.reduce((s, op) => s + op.standardCycleSeconds, 0);
      const takt = observed ?? slowest;
      const remaining = Math.max(0, r.quantity - r.units_good);
      const inWork = r.units_started - r.units_good - r.units_scrapped;
      cumulative += remaining * takt + (inWork === 0 && remaining > 0 ? flow - takt : 0);
      if (r.status !== 'held') out.set(r.number, new Date(now + cumulative * 1000).toISOString());
    }
    return out;
  }

  private observedTaktSeconds(): number | null {
    const ends = this.db
      .prepare("SELECT ended_at FROM units WHERE status = 'completed' ORDER BY ended_at DESC LIMIT 11")
      .pluck()
      .all() as string[];
    if (ends.length < 4) return null;
    const first = Date.parse(ends[ends.length - 1] ?? '');
    const last = Date.parse(ends[0] ?? '');
    const takt = (last - first) / 1000 / (ends.length - 1);
    return Number.isFinite(takt) && takt > 0 ? takt : null;
  }

  private readonly routingCache = new Map<string, ProductDefinition['routing']>();
  private routing(product: string, revision: string): ProductDefinition['routing'] {
    const key = `${product}/${revision}`;
    let r = this.routingCache.get(key);
    if (!r) {
      const def = this.db.prepare('SELECT definition FROM products WHERE product = ? AND revision = ?').pluck().get(product, revision) as string | undefined;
      r = def ? (JSON.parse(def) as ProductDefinition).routing : [];
      this.routingCache.set(key, r);
    }
    return r;
  }

  private toView(r: OrderRow, eta: string | null): OrderView {
    return {
      number: r.number,
      product: r.product,
      revision: r.revision,
      quantity: r.quantity,
      dueDate: r.due_date,
      priority: r.priority,
      status: r.status,
      holdReason: r.status === 'held' || r.status === 'cancelled' ? r.hold_reason : null,
      sequence: r.position === null ? null : r.position + 1,
      unitsStarted: r.units_started,
      unitsGood: r.units_good,
      unitsScrapped: r.units_scrapped,
      eta,
      receivedAt: r.received_at,
      updatedAt: r.updated_at,
    };
  }
}
