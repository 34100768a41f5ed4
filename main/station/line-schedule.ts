import { configure, type Configuration, type OrderView, type ProductDefinition, type RecordedEvent } from '../../core';
import type { Db } from '../store';
import type { Clock } from './clock';

export type Hint = OrderView['hints'][number];

/** A dispatched order's place in the list (1 = next to build), ETA (null while held) and hints. */
export interface Planned {
  readonly sequence: number;
  readonly eta: string | null;
  readonly hints: Hint[];
}

/** What the schedule needs of a dispatched order: one row of the dispatch list. */
interface Row {
  readonly number: string;
  readonly product: string;
  readonly revision: string;
  readonly quantity: number;
  readonly due_date: string;
  readonly status: string;
  readonly units_started: number;
  readonly units_good: number;
  readonly units_scrapped: number;
  /** A configurable product's option values (JSON), null for none: its units are built to that configuration. */
  readonly options: string | null;
}

interface ProductFigures {
  readonly slowest: number;
  readonly flow: number;
  readonly bom: ProductDefinition['bom'];
}
type Figures = Map<string, ProductFigures>;

/** A dispatched order on the line's plan: when it starts and ends (ms), what its units not started need. */
export interface TimelineEntry {
  readonly number: string;
  readonly product: string;
  readonly revision: string;
  readonly dueDate: string;
  readonly dueAt: number;
  readonly startAt: number;
  readonly endAt: number;
  readonly held: boolean;
  /** Units on the line already: it keeps its place in the list. */
  readonly locked: boolean;
  readonly bom: ProductDefinition['bom'];
  readonly toBuild: number;
  /** On the dispatch list (false: released, waiting to be dispatched). */
  readonly dispatched: boolean;
}

/**
 * How long the line takes for what is left of an order: its units not yet good at the takt (the line's observed
 * one, else the routing's slowest cycle), plus the routing's flow time for the first unit when none is in work.
 */
function orderSeconds(r: Row, p: ProductFigures, observed: number | null): number {
  const takt = observed ?? p.slowest;
  const remaining = Math.max(0, r.quantity - r.units_good);
  const inWork = r.units_started - r.units_good - r.units_scrapped;
  return remaining * takt + (inWork === 0 && remaining > 0 ? p.flow - takt : 0);
}

/** A date-only due date means "by the end of that day", the plant's (the station's) local time; as the board shows it. */
function dueEnd(due: string): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(due);
  if (day) return new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 23, 59, 59).getTime();
  return Date.parse(due);
}

const ROW = 'o.number, o.product, o.revision, o.quantity, o.due_date, o.status, o.units_started, o.units_good, o.units_scrapped, o.options';

/** Events after which one order's row is read again (its status or unit counts changed). */
const ORDER_CHANGES = new Set([
  'OrderReleased', 'OrderDispatched', 'OrderHeld', 'OrderResumed', 'OrderSplit', 'OrderCancelled', 'OrderStarted', 'OrderCompleted', 'OrderRevisionChanged',
  'OperationQuantityReported', 'UnitStarted', 'UnitCompleted', 'UnitScrapped',
]);

/** Orders to be planned as built to another revision (a change's impact). */
export interface Revised {
  readonly to: ProductDefinition;
  readonly orders: ReadonlySet<string>;
}

/**
 * The line's dispatch list in memory, in build order, kept in step with the log as it commits (moves applied, one
 * order's row re-read when its counts change), so that an order's ETA and resequencing hints cost a pass over the
 * orders ahead of it in memory, not a read of them: on a board of 100,000 orders a drag must not read the board.
 *
 * ETA: the line builds the list in order, one unit per takt; takt is the pace seen over the last completed units, or
 * the routing's slowest standard cycle until there is one; the first unit of an order also needs the routing's flow
 * time. A held order is passed by, so it delays nothing behind it.
 */
export class LineSchedule {
  private rows: Row[] | null = null;
  private stock: Map<string, number> | null = null;

  constructor(
    private readonly db: Db,
    /** The line's id ('' while none is set up); read at each use, as an engineer may set the line up while running. */
    private readonly line: () => string,
    private readonly clock: Clock,
    private readonly definition: (product: string, revision: string) => ProductDefinition | null,
  ) {}

  private get lineId(): string {
    return this.line();
  }

  /** Called with every committed batch, in commit order. */
  apply(events: readonly RecordedEvent[]): void {
    for (const e of events) {
      if (e.type === 'LineConfigured') this.rows = null;
      // Stock moves with counts, scans and backflush (operations completed, lot quantities reported).
      if (e.type === 'StockCounted' || e.type === 'LotConsumed' || e.type === 'OperationCompleted' || e.type === 'OperationQuantityReported') this.stock = null;
      const rows = this.rows;
      if (rows === null) continue;
      switch (e.type) {
        case 'OrderQueued': {
          const d = e.data;
          if (d.line !== this.lineId) break;
          const row = this.read(d.number);
          if (row) rows.push(row);
          else this.rows = null;
          break;
        }
        case 'OrderMoved': {
          const d = e.data;
          if (d.line !== this.lineId) break;
          const [moved] = rows.splice(d.from, 1);
          // Out of step (it never should be): read the list again at the next question.
          if (moved === undefined || moved.number !== d.number) this.rows = null;
          else rows.splice(d.to, 0, moved);
          break;
        }
        case 'OrderDequeued': {
          const d = e.data;
          if (d.line !== this.lineId) break;
          const i = rows.findIndex((r) => r.number === d.number);
          if (i >= 0) rows.splice(i, 1);
          break;
        }
        default:
          if (ORDER_CHANGES.has(e.type)) this.refresh(orderOf(e));
      }
    }
  }

  /** ETA and hints of every dispatched order: one pass. */
  all(): Map<string, Planned> {
    return this.walk(null);
  }

  /**
   * The same pass as if some orders were built to another revision (an engineering change's impact): their standard
   * times and BOM are the new revision's; the orders behind them move with them.
   */
  planAt(now: number, revised?: Revised): Map<string, Planned> {
    return this.walk(null, revised, now);
  }

  /** Place, ETA and hints of one dispatched order: a pass over the orders ahead of it. */
  one(number: string): Planned | null {
    return this.walk(number).get(number) ?? null;
  }

  private walk(until: string | null, revised?: Revised, now = this.clock.now().getTime()): Map<string, Planned> {
    const rows = this.load();
    const out = new Map<string, Planned>();
    const observed = this.observedTaktSeconds();
    const stock = new Map(this.loadStock());
    // Per product revision (and configuration), once per walk: the figures the ETA needs and the BOM.
    const products: Figures = new Map();
    const productOf = (r: Row) => this.figures(r, products, revised);
    let sequence = 0;
    let cumulative = 0;
    let previous: Row | null = null;
    for (const r of rows) {
      sequence += 1;
      if (r.status === 'completed' || r.status === 'cancelled') continue;
      const p = productOf(r);
      const wanted = until === null || r.number === until;
      const hints: Hint[] = [];
      let eta: string | null = null;
      if (r.status !== 'held') {
        cumulative += orderSeconds(r, p, observed);
        const at = now + cumulative * 1000;
        if (wanted) {
          eta = new Date(at).toISOString();
          const due = dueEnd(r.due_date);
          if (Number.isFinite(due) && at > due) {
            const hours = (at - due) / 3_600_000;
            hints.push({ kind: 'late', text: `Expected ${hours >= 24 ? `${(hours / 24).toFixed(1)} days` : `${hours.toFixed(1)} h`} after its due date ${r.due_date}.` });
          }
        }
      }
      if (wanted && previous && (previous.product !== r.product || previous.revision !== r.revision)) {
        hints.push({ kind: 'changeover', text: `Changeover from ${previous.product} rev ${previous.revision} (order ${previous.number}).` });
      }
      previous = r;
      if (stock.size > 0) {
        const toBuild = Math.max(0, r.quantity - r.units_started);
        for (const b of p.bom) {
          const key = `${b.material}/${b.revision}`;
          const left = stock.get(key);
          if (left === undefined || toBuild === 0) continue;
          const need = b.quantity * toBuild;
          if (wanted && need > left + 1e-9) hints.push({ kind: 'material', text: `${b.material} rev ${b.revision}: needs ${need}, ${Math.max(0, left)} left after the orders ahead.` });
          stock.set(key, left - need);
        }
      }
      if (wanted) out.set(r.number, { sequence, eta, hints });
      if (r.number === until) break;
    }
    return out;
  }

  private figures(r: Row, cache: Figures, revised?: Revised): ProductFigures {
    const switched = revised !== undefined && revised.orders.has(r.number) && r.product === revised.to.product;
    const key = `${r.product}/${switched ? revised.to.revision : r.revision}/${r.options ?? ''}`;
    let p = cache.get(key);
    if (!p) {
      const base = switched ? revised.to : this.definition(r.product, r.revision);
      const configured = base && r.options ? configure(base, JSON.parse(r.options) as Configuration) : null;
      const def = configured?.ok ? configured.value : base;
      const routing = def?.routing ?? [];
      p = { slowest: Math.max(1, ...routing.map((op) => op.standardCycleSeconds)), flow: routing.reduce((sum, op) => sum + op.standardCycleSeconds, 0), bom: def?.bom ?? [] };
      cache.set(key, p);
    }
    return p;
  }

  /**
   * Each dispatched order in `sequence` (default: the list as it stands) with when the line's plan starts and ends it
   * (ms), what its units not started need, and whether it has units on the line; as the ETAs are worked out.
   */
  timeline(sequence?: readonly string[], o: { withReleased?: boolean } = {}, now = this.clock.now().getTime()): TimelineEntry[] {
    const rows = this.load();
    const byNumber = new Map(rows.map((r) => [r.number, r]));
    const ordered = sequence ? sequence.flatMap((n) => byNumber.get(n) ?? []) : rows;
    const observed = this.observedTaktSeconds();
    const cache: Figures = new Map();
    const out: TimelineEntry[] = [];
    let cumulative = 0;
    for (const r of ordered) {
      if (r.status === 'completed' || r.status === 'cancelled') continue;
      const p = this.figures(r, cache);
      const startAt = now + cumulative * 1000;
      if (r.status !== 'held') {
        cumulative += orderSeconds(r, p, observed);
      }
      const toBuild = Math.max(0, r.quantity - r.units_started);
      out.push({
        number: r.number, product: r.product, revision: r.revision, dueDate: r.due_date, dueAt: dueEnd(r.due_date), startAt, endAt: now + cumulative * 1000,
        held: r.status === 'held', locked: r.status === 'in_progress' || r.units_started > 0, bom: p.bom, toBuild, dispatched: true,
      });
    }
    if (o.withReleased) {
      // Released, not dispatched: they start no sooner than the list ahead of them is built (by due date, then priority).
      const end = now + cumulative * 1000;
      const released = this.db.prepare(`SELECT ${ROW} FROM orders o WHERE o.status = 'released' AND o.tracking = 'serial' ORDER BY o.due_date, o.priority, o.received_at`).all() as Row[];
      for (const r of released) {
        const p = this.figures(r, cache);
        out.push({ number: r.number, product: r.product, revision: r.revision, dueDate: r.due_date, dueAt: dueEnd(r.due_date), startAt: end, endAt: end, held: false, locked: false, bom: p.bom, toBuild: Math.max(0, r.quantity - r.units_started), dispatched: false });
      }
    }
    return out;
  }

  private load(): Row[] {
    if (this.rows === null) {
      this.rows = this.db
        .prepare(`SELECT ${ROW} FROM dispatch_list d JOIN orders o ON o.number = d.number WHERE d.line = ? ORDER BY d.position`)
        .all(this.lineId) as Row[];
    }
    return this.rows;
  }

  private loadStock(): Map<string, number> {
    if (this.stock === null) {
      const rows = this.db.prepare('SELECT material, revision, on_hand FROM stock').all() as { material: string; revision: string; on_hand: number }[];
      this.stock = new Map(rows.map((r) => [`${r.material}/${r.revision}`, r.on_hand]));
    }
    return this.stock;
  }

  private read(number: string): Row | undefined {
    return this.db.prepare(`SELECT ${ROW} FROM orders o WHERE o.number = ?`).get(number) as Row | undefined;
  }

  private refresh(number: string | undefined): void {
    const rows = this.rows;
    if (!rows || !number) return;
    const i = rows.findIndex((r) => r.number === number);
    if (i < 0) return;
    const row = this.read(number);
    if (row) rows[i] = row;
  }

  /** The pace seen over the last completed units (seconds per unit), or null until there are a few. */
  observedTaktSeconds(): number | null {
    const ends = this.db.prepare("SELECT ended_at FROM units WHERE status = 'completed' ORDER BY ended_at DESC LIMIT 11").pluck().all() as string[];
    if (ends.length < 4) return null;
    const first = Date.parse(ends[ends.length - 1] ?? '');
    const last = Date.parse(ends[0] ?? '');
    const takt = (last - first) / 1000 / (ends.length - 1);
    return Number.isFinite(takt) && takt > 0 ? takt : null;
  }
}

/** The order an event concerns: an order's own events name it as number, a unit's as order. */
function orderOf(e: RecordedEvent): string | undefined {
  const d = e.data;
  if ('number' in d && typeof d.number === 'string') return d.number;
  if ('order' in d && typeof d.order === 'string') return d.order;
  return undefined;
}
