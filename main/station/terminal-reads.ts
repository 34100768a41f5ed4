import { configure, lotAvailability, type Configuration, type EquipmentModel, type ProductDefinition, type TerminalView, type UnitOperation } from '../../core';
import type { Db } from '../store';

interface TerminalRow {
  serial: string;
  order_number: string;
  product: string;
  revision: string;
  status: 'queued' | 'in_operation';
  position: number;
  operation: number;
  since: string;
  operations: string;
  held_for: string | null;
  options: string | null;
}

/**
 * What an operator terminal shows: the unit in work here with its operation, its instruction (the revision and
 * configuration it is built to), components and checks; the units waiting; lot orders with work here.
 */
export class TerminalReads {
  constructor(
    private readonly db: Db,
    private readonly equipment: () => EquipmentModel | null,
    private readonly quality: (workCenter: string) => 'good' | 'bad',
    private readonly definition: (product: string, revision: string) => ProductDefinition | null,
  ) {}

  terminal(workCenter: string): TerminalView | null {
    const workCenters = this.equipment()?.line.workCenters ?? [];
    const index = workCenters.findIndex((w) => w.id === workCenter);
    const wc = workCenters[index];
    if (!wc) return null;
    const state = (this.db.prepare('SELECT state FROM work_centers WHERE id = ?').pluck().get(workCenter) as string | null | undefined) ?? 'Unknown';
    const units = this.db
      .prepare(
        `SELECT serial, order_number, product, revision, status, position, operation, since, operations, held_for, options FROM units
         WHERE status IN ('queued', 'in_operation') AND work_center = ? ORDER BY status = 'in_operation' DESC, since, serial`,
      )
      .all(workCenter) as TerminalRow[];
    const inWork = units.find((u) => u.status === 'in_operation');
    return {
      workCenter: { id: wc.id, name: wc.name, state: state ?? 'Unknown', quality: this.quality(wc.id) },
      first: index === 0,
      current: inWork ? this.unit(inWork) : null,
      waiting: units
        .filter((u) => u !== inWork)
        .map((u) => ({ serial: u.serial, order: u.order_number, product: u.product, operation: u.operation, since: u.since, heldFor: u.held_for })),
      lots: this.lots(workCenter),
    };
  }

  private unit(u: TerminalRow): TerminalView['current'] {
    const ops = JSON.parse(u.operations) as UnitOperation[];
    const op = ops[u.position];
    if (!op) return null;
    // The instruction of the revision this operation is built to (a change may keep an operation in work as started).
    const revision = op.revision ?? u.revision;
    // A configurable product's unit: the instruction of its configuration (the option's words added to the base's).
    const base = this.definition(u.product, revision);
    const configured = base && u.options ? configure(base, JSON.parse(u.options) as Configuration) : null;
    const def = (configured?.ok ? configured.value : base)?.routing.find((r) => r.seq === op.seq);
    const scans = this.db
      .prepare('SELECT material, lot, quantity FROM genealogy WHERE serial = ? AND operation = ? ORDER BY at')
      .all(u.serial, op.seq) as { material: string; lot: string; quantity: number }[];
    const description = this.db.prepare('SELECT description FROM materials WHERE id = ? AND revision = ?').pluck();
    const attempt = (this.db.prepare('SELECT count(*) FROM unit_operations WHERE serial = ? AND operation = ?').pluck().get(u.serial, op.seq) as number) || 1;
    const history = this.db
      .prepare('SELECT operation, work_center, result, ended_at FROM unit_operations WHERE serial = ? AND ended_at IS NOT NULL ORDER BY ended_at')
      .all(u.serial) as { operation: number; work_center: string; result: string | null; ended_at: string | null }[];
    return {
      serial: u.serial,
      order: u.order_number,
      product: u.product,
      revision: u.revision,
      status: u.status,
      since: u.since,
      operation: {
        seq: op.seq,
        name: op.name,
        instruction: def?.instruction ?? '',
        standardCycleSeconds: def?.standardCycleSeconds ?? 0,
        onFail: op.onFail ?? 'reject',
        reworkTo: op.onFail === 'rework' ? (op.reworkTo ?? op.seq) : null,
        attempt,
        revision,
        changed: op.changed ? { change: op.changed.change, from: op.changed.from, what: [...op.changed.what] } : null,
      },
      heldFor: u.held_for,
      components: (op.components ?? []).map((c) => {
        const mine = scans.filter((x) => x.material === c.material);
        return {
          material: c.material,
          revision: c.revision,
          description: (description.get(c.material, c.revision) as string | undefined) ?? '',
          quantity: c.quantity,
          scanned: mine.reduce((sum, x) => sum + x.quantity, 0),
          lots: mine.map((x) => x.lot),
        };
      }),
      measurements: op.measurements.map((m) => ({ name: m.name, unit: m.unit, low: m.low, high: m.high })),
      history: history.map((h) => ({ operation: h.operation, workCenter: h.work_center, result: h.result, endedAt: h.ended_at })),
    };
  }

  private lots(workCenter: string): TerminalView['lots'] {
    const orders = this.db
      .prepare(
        `SELECT o.* FROM orders o JOIN dispatch_list d ON d.number = o.number
         WHERE o.tracking = 'lot' AND o.status IN ('dispatched', 'in_progress', 'held') ORDER BY d.position`,
      )
      .all() as { number: string; product: string; revision: string; quantity: number; status: string }[];
    const progress = this.db.prepare('SELECT operation, good, scrapped FROM order_operations WHERE number = ?');
    const out: TerminalView['lots'] = [];
    for (const o of orders) {
      const routing = this.definition(o.product, o.revision)?.routing ?? [];
      const lot = Object.fromEntries(
        (progress.all(o.number) as { operation: number; good: number; scrapped: number }[]).map((p) => [String(p.operation), { good: p.good, scrapped: p.scrapped }]),
      );
      const rows = lotAvailability(o.quantity, routing, lot);
      routing.forEach((op, i) => {
        const row = rows[i];
        if (op.workCenter !== workCenter || !row) return;
        out.push({
          order: o.number, product: o.product, revision: o.revision, quantity: o.quantity, operation: op.seq, operationName: op.name,
          instruction: op.instruction, input: row.input, good: row.good, scrapped: row.scrapped, available: row.available, held: o.status === 'held',
        });
      });
    }
    return out;
  }
}
