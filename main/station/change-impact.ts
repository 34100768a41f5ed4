import {
  configurationText,
  configure,
  diffRevisions,
  dispositionOptions,
  impactOf,
  type ChangeView,
  type Configuration,
  type Impact,
  type ImpactView,
  type OpenOrder,
  type ProductDefinition,
  type RevisionDiff,
  type UnitInWork,
} from '../../core';
import type { Db } from '../store';
import { chosenDispositions } from './change-propagation';
import { productDefinition } from './facts';
import type { Planned, Revised } from './line-schedule';

// What a change means, worked out from the record: for the open work (every order and unit of the product on the
// replaced revision, each with its outcome, by the rules of core/changes/impact) and for the line's plan.

/** The line's plan now and with some orders built to another revision (the dispatch list's ETAs and hints). */
export type PlanWith = (revised: Revised) => { before: ReadonlyMap<string, Planned>; after: ReadonlyMap<string, Planned>; now: number };

/** A change as it reaches one configuration of a configurable product: both revisions configured, and their difference. */
export interface Configured {
  readonly before: ProductDefinition | null;
  readonly after: ProductDefinition;
  readonly diff: RevisionDiff;
}

/**
 * The change for units of this configuration (JSON of the option values; null: a product without options): the new
 * revision configured the same way must build it (the change was refused otherwise).
 */
export function configuredChange(change: ChangeView, base: ProductDefinition | null, options: string | null): Configured {
  if (!options) return { before: base, after: change.definition, diff: change.diff as RevisionDiff };
  const chosen = JSON.parse(options) as Configuration;
  const before = base ? configure(base, chosen) : null;
  const after = configure(change.definition, chosen);
  if (!after.ok) throw new Error(`${change.number} cannot build ${configurationText(chosen)}: ${after.error.message}`);
  const b = before?.ok ? before.value : null;
  return { before: b, after: after.value, diff: b ? diffRevisions(b, after.value) : (change.diff as RevisionDiff) };
}

/**
 * The open orders and units in progress of the product on the replaced revision, each with its outcome; a
 * configurable product's work judged per configuration (what a change means for a unit depends on what it is built to).
 */
export function openWork(db: Db, change: ChangeView): Impact {
  const base = productDefinition(db, change.product, change.fromRevision);
  const orderRows = db
    .prepare(
      `SELECT number, status, due_date, received_at, quantity, units_started, options FROM orders
       WHERE product = ? AND revision = ? AND status NOT IN ('completed', 'cancelled') ORDER BY received_at, number`,
    )
    .all(change.product, change.fromRevision) as { number: string; status: string; due_date: string; received_at: string; quantity: number; units_started: number; options: string | null }[];
  const unitRows = db
    .prepare("SELECT serial, order_number, status, position, options FROM units WHERE product = ? AND revision = ? AND status IN ('queued', 'in_operation') ORDER BY serial")
    .all(change.product, change.fromRevision) as { serial: string; order_number: string; status: 'queued' | 'in_operation'; position: number; options: string | null }[];
  const e = change.effectivity;
  const orderReceivedAt = e.kind === 'from-order' ? (db.prepare('SELECT received_at FROM orders WHERE number = ?').pluck().get(e.order) as string | undefined) : undefined;
  const groups = new Map<string | null, { orders: OpenOrder[]; units: UnitInWork[] }>();
  const group = (key: string | null) => groups.get(key) ?? groups.set(key, { orders: [], units: [] }).get(key)!;
  for (const o of orderRows) group(o.options).orders.push({ number: o.number, status: o.status, dueDate: o.due_date, receivedAt: o.received_at, quantity: o.quantity, unitsStarted: o.units_started });
  const parts: Impact[] = [];
  const routings = new Map<string | null, Configured & { seqs: readonly number[] }>();
  for (const u of unitRows) {
    let c = routings.get(u.options);
    if (!c) {
      const configured = configuredChange(change, base, u.options);
      routings.set(u.options, (c = { ...configured, seqs: (configured.before?.routing ?? []).map((o) => o.seq) }));
    }
    // A revision used by orders is never edited in place: its units were started on its routing, as it stands. One
    // array per configuration: the impact rules judge each place on it once.
    group(u.options).units.push({ serial: u.serial, order: u.order_number, status: u.status, position: u.position, operations: c.seqs });
  }
  for (const [key, g] of groups) {
    const c = routings.get(key) ?? configuredChange(change, base, key);
    parts.push(impactOf({ diff: c.diff, effectivity: e, oldRouting: c.before?.routing ?? [], orders: g.orders, units: g.units, ...(orderReceivedAt ? { orderReceivedAt } : {}) }));
  }
  return mergeImpacts(parts);
}

/** The impacts of each configuration as one: orders as received, units by serial, the counts added up. */
function mergeImpacts(parts: readonly Impact[]): Impact {
  if (parts.length === 0) {
    return impactOf({ diff: { product: '', from: '', to: '', bom: [], operations: [], same: true }, effectivity: { kind: 'all-open' }, oldRouting: [], orders: [], units: [] });
  }
  if (parts.length === 1) return parts[0]!;
  const orders = parts.flatMap((p) => p.orders).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.number.localeCompare(b.number));
  const units = parts.flatMap((p) => p.units).sort((a, b) => a.serial.localeCompare(b.serial));
  const sum = <K extends string>(pick: (p: Impact) => Readonly<Record<K, number>>): Record<K, number> => {
    const out = {} as Record<K, number>;
    for (const p of parts) for (const [k, n] of Object.entries(pick(p)) as [K, number][]) out[k] = (out[k] ?? 0) + n;
    return out;
  };
  return { orders, units, summary: { orders: sum((p) => p.summary.orders), units: sum((p) => p.summary.units) } };
}

/** The impact as the Changes screen and ERP read it: the work with the dispositions open and chosen, time and material. */
export function impactView(db: Db, change: ChangeView, plan: PlanWith | null): ImpactView {
  const started = performance.now();
  const impact = openWork(db, change);
  const switched = new Set(impact.orders.filter((o) => o.outcome === 'move-to-new-revision' || o.outcome === 'remaining-units-on-new-revision').map((o) => o.number));
  const { time, material } = timeAndMaterial(db, plan, change, switched);
  const chosen = chosenDispositions(db, change.number);
  // Outcomes are shared by the units at one place: their options too.
  const options = new Map<object, ImpactView['units'][number]['options']>();
  const units = impact.units.map((u): ImpactView['units'][number] => {
    const c = chosen.get(u.serial);
    let open = options.get(u.outcome);
    if (!open) options.set(u.outcome, (open = [...dispositionOptions(u.outcome)]));
    return {
      serial: u.serial,
      order: u.order,
      status: u.status,
      position: u.position,
      operations: u.operations as number[],
      outcome: u.outcome as ImpactView['units'][number]['outcome'],
      options: open,
      chosen: c ? { disposition: c.disposition, reason: c.reason ?? null } : null,
    };
  });
  return { change: change.number, orders: impact.orders as ImpactView['orders'], units, summary: impact.summary, time, material, ms: Math.round((performance.now() - started) * 10) / 10 };
}

/** The plan with the switched orders on the new revision, against the plan now: ETAs that move, new shortages, stock left unused. */
function timeAndMaterial(db: Db, plan: PlanWith | null, change: ChangeView, switched: ReadonlySet<string>): Pick<ImpactView, 'time' | 'material'> {
  const unused = change.diff.bom
    .filter((l) => l.before && (l.kind === 'removed' || l.fields.includes('revision')))
    .map((l) => ({
      material: l.material,
      revision: l.before!.revision,
      onHand: (db.prepare('SELECT on_hand FROM stock WHERE material = ? AND revision = ?').pluck().get(l.material, l.before!.revision) as number | undefined) ?? 0,
    }));
  if (!plan || switched.size === 0) return { time: { orders: [], becomeLate: [] }, material: { short: [], unused } };
  const { before, after, now } = plan({ to: change.definition, orders: switched });
  const late = (p: Planned | undefined) => p?.hints.some((h) => h.kind === 'late') ?? false;
  const orders: ImpactView['time']['orders'] = [];
  const short: ImpactView['material']['short'] = [];
  // An order starts when the one ahead of it on the plan ends: that is when it runs short.
  const starts = new Map<string, string | null>();
  let previous: string | null = null;
  for (const [number, a] of [...after].sort(([, x], [, y]) => x.sequence - y.sequence)) {
    starts.set(number, a.eta === null ? null : previous);
    if (a.eta !== null) previous = a.eta;
  }
  for (const [number, a] of after) {
    const b = before.get(number);
    const delta = a.eta && b?.eta ? (Date.parse(a.eta) - Date.parse(b.eta)) / 1000 : 0;
    if (delta !== 0 || late(a) !== late(b)) {
      orders.push({ number, etaBefore: b?.eta ?? null, etaAfter: a.eta, deltaSeconds: Math.round(delta), lateBefore: late(b), lateAfter: late(a) });
    }
    const had = new Set((b?.hints ?? []).filter((h) => h.kind === 'material').map((h) => h.text));
    const at = starts.get(number) ?? (a.eta === null ? null : new Date(now).toISOString());
    for (const h of a.hints) if (h.kind === 'material' && !had.has(h.text)) short.push({ order: number, text: h.text, at });
  }
  return { time: { orders, becomeLate: orders.filter((o) => o.lateAfter && !o.lateBefore).map((o) => o.number) }, material: { short, unused } };
}
