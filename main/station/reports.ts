import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  operationsPerformanceV7,
  shownSignature,
  productionPerformanceV0600,
  type PerformanceInput,
  type ProductDefinition,
  type MeasuredValue,
  type RecordedEvent,
  type Signature,
  type SignatureView,
  type UnitOperation,
} from '../../core';
import type { Db } from '../store';
import type { Clock } from './clock';
import type { Log } from './log';

export interface AsBuiltOperation {
  readonly operation: number;
  readonly workCenter: string;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly result: string | null;
  readonly measurements: unknown;
  readonly by: string | null;
}

/** As-built records and the performance reports ERP gets back, read from the as-built projection. */
export class Reports {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Forward trace: one indexed query on (lot, material). */
  traceLot(lot: string, material?: string) {
    const rows = this.db
      .prepare(
        `SELECT g.serial, g.order_number, g.material, g.revision, g.operation, g.work_center, g.at, u.status FROM genealogy g
         JOIN units u ON u.serial = g.serial WHERE g.lot = ? ${material ? 'AND g.material = ?' : ''} ORDER BY g.at`,
      )
      .all(...(material ? [lot, material] : [lot])) as {
      serial: string; order_number: string; material: string; revision: string; operation: number; work_center: string; at: string; status: string;
    }[];
    return rows.map((r) => ({
      serial: r.serial, order: r.order_number, material: r.material, revision: r.revision, operation: r.operation, workCenter: r.work_center, at: r.at, unitStatus: r.status,
    }));
  }

  /** The signatures of a stream's events (the signatures read model), each with its manifestation, oldest first. */
  signaturesOf(where: { stream: string } | { order: string }): (SignatureView & { seq: number; type: string; operation: number | null })[] {
    const rows = (
      'stream' in where
        ? this.db.prepare('SELECT * FROM signatures WHERE stream = ? ORDER BY seq, n').all(where.stream)
        : this.db.prepare('SELECT * FROM signatures WHERE order_number = ? ORDER BY seq, n').all(where.order)
    ) as { seq: number; type: string; operation: number | null; username: string; name: string; role: Signature['role']; meaning: Signature['meaning']; at: string; local: string; action: Signature['action'] }[];
    return rows.map((r) => {
      const s: Signature = { username: r.username, name: r.name, role: r.role, meaning: r.meaning, at: r.at, local: r.local, action: r.action };
      return { ...shownSignature(s), seq: r.seq, type: r.type, operation: r.operation };
    });
  }

  asBuilt(serial: string) {
    const unit = this.db.prepare('SELECT serial, order_number, product, revision, status, operations, held_for FROM units WHERE serial = ?').get(serial) as
      | { serial: string; order_number: string; product: string; revision: string; status: string; operations: string; held_for: string | null }
      | undefined;
    if (!unit) return null;
    const names = new Map((JSON.parse(unit.operations) as UnitOperation[]).map((o) => [o.seq, o.name]));
    const ops = this.db
      // In the order the work was done: a rework shows the failed attempt, then the operations run again.
      .prepare(
        `SELECT o.operation, o.attempt, o.work_center, o.started_at, o.ended_at, o.result, o.measurements, o.revision,
                coalesce(o.ended_by, o.started_by) AS by, u.display_name AS by_name
         FROM unit_operations o LEFT JOIN users u ON u.username = coalesce(o.ended_by, o.started_by)
         WHERE o.serial = ? ORDER BY coalesce(o.started_at, o.ended_at), o.operation, o.attempt`,
      )
      .all(serial) as { revision: string | null; by_name: string | null; operation: number; attempt: number; work_center: string; started_at: string | null; ended_at: string | null; result: string | null; measurements: string | null; by: string | null }[];
    return {
      serial: unit.serial,
      order: unit.order_number,
      product: unit.product,
      revision: unit.revision,
      status: unit.status,
      operations: ops.map((o) => ({
        operation: o.operation,
        attempt: o.attempt,
        workCenter: o.work_center,
        startedAt: o.started_at,
        endedAt: o.ended_at,
        result: o.result,
        measurements: o.measurements ? (JSON.parse(o.measurements) as MeasuredValue[]) : [],
        by: o.by,
        byName: o.by_name,
        name: names.get(o.operation) ?? '',
        revision: o.revision,
      })),
      revisions: (
        this.db
          .prepare("SELECT at, actor, data FROM events WHERE stream = ? AND type = 'UnitRevised' ORDER BY seq")
          .all(`unit:${serial}`) as { at: string; actor: string; data: string }[]
      ).map((e) => {
        const d = JSON.parse(e.data) as { change: string; fromRevision: string; toRevision: string; disposition: string; reason?: string };
        return { change: d.change, from: d.fromRevision, to: d.toRevision, disposition: d.disposition, reason: d.reason ?? null, at: e.at, by: e.actor };
      }),
      heldFor: unit.held_for,
      // Signatures over the unit's record (a scrap's disposition, say), as they are to be shown (11.50).
      signatures: this.signaturesOf({ stream: `unit:${serial}` }),
      // Backward trace: one indexed query on serial.
      lots: this.db
        .prepare('SELECT material, revision, lot, operation, quantity, at, by FROM genealogy WHERE serial = ? ORDER BY operation, at')
        .all(serial) as { material: string; revision: string; lot: string; operation: number; quantity: number; at: string; by: string }[],
    };
  }

  performanceInput(number: string): PerformanceInput | null {
    const order = this.db.prepare('SELECT number, product, revision, status, units_good, units_scrapped, updated_at FROM orders WHERE number = ?').get(number) as
      | { number: string; product: string; revision: string; status: string; units_good: number; units_scrapped: number; updated_at: string }
      | undefined;
    if (!order) return null;
    const def = this.db.prepare('SELECT definition FROM products WHERE product = ? AND revision = ?').pluck().get(order.product, order.revision) as string | undefined;
    const routing = def ? (JSON.parse(def) as ProductDefinition).routing : [];
    const byOp = new Map(
      (
        this.db
          .prepare(
            `SELECT operation, min(started_at) AS start, max(ended_at) AS end, count(*) FILTER (WHERE result = 'pass') AS passed,
                    count(*) FILTER (WHERE result = 'fail') AS failed
             FROM unit_operations WHERE order_number = ? GROUP BY operation`,
          )
          .all(number) as { operation: number; start: string | null; end: string | null; passed: number; failed: number }[]
      ).map((r) => [r.operation, r]),
    );
    // Lot-based orders report quantities per operation instead of units.
    const lotRows = this.db
      .prepare('SELECT operation, good, scrapped, first_at, updated_at FROM order_operations WHERE number = ?')
      .all(number) as { operation: number; good: number; scrapped: number; first_at: string; updated_at: string }[];
    for (const l of lotRows) byOp.set(l.operation, { operation: l.operation, start: l.first_at, end: l.updated_at, passed: l.good, failed: l.scrapped });
    // The lots actually scanned, per operation; where none were scanned (a PLC-fed line), the BOM quantity per unit built.
    const scanned = this.db
      .prepare('SELECT operation, material, lot, sum(quantity) AS quantity FROM genealogy WHERE order_number = ? GROUP BY operation, material, lot ORDER BY operation, material, lot')
      .all(number) as { operation: number; material: string; lot: string; quantity: number }[];
    // Signatures: the order's own (release, resume, cancel) on its first operation; a unit's on the operation it was given at.
    const first = routing[0]?.seq;
    const signed = this.signaturesOf({ order: number }).map((x) => ({
      operation: x.operation ?? first,
      signature: { username: x.username, role: x.role, meaning: x.meaning, manifestation: x.manifestation },
    }));
    const operations = routing.map((op) => {
      const r = byOp.get(op.seq);
      const units = (r?.passed ?? 0) + (r?.failed ?? 0);
      const lots = scanned.filter((x) => x.operation === op.seq);
      const estimated = op.components
        .filter((c) => !lots.some((l) => l.material === c.material))
        .map((c) => ({ material: c.material, quantity: c.quantity * units }));
      return {
        seq: op.seq,
        name: op.name,
        workCenter: op.workCenter,
        start: r?.start ?? null,
        end: r?.end ?? null,
        passed: r?.passed ?? 0,
        failed: r?.failed ?? 0,
        consumed: units === 0 && lots.length === 0 ? [] : [...lots.map((l) => ({ material: l.material, quantity: l.quantity, lot: l.lot })), ...estimated],
        signatures: signed.filter((x) => x.operation === op.seq).map((x) => x.signature),
      };
    });
    const starts = operations.map((o) => o.start).filter((x): x is string => x !== null).sort();
    return {
      order: { number: order.number, product: order.product, revision: order.revision, status: order.status },
      publishedAt: this.clock.now().toISOString(),
      start: starts[0] ?? null,
      end: order.status === 'completed' ? order.updated_at : null,
      good: order.units_good,
      scrapped: order.units_scrapped,
      unitOfMeasure: 'ea',
      operations,
    };
  }

  performance(number: string, format: 'v0600' | 'v7'): { fileName: string; xml: string } | null {
    const input = this.performanceInput(number);
    if (!input) return null;
    return format === 'v7'
      ? { fileName: `OperationsPerformance-${number}.xml`, xml: operationsPerformanceV7(input) }
      : { fileName: `ProductionPerformance-${number}.xml`, xml: productionPerformanceV0600(input) };
  }
}

/** When an order completes, both reports land in <dataDir>/export for ERP to collect. */
export function exportOnCompletion(reports: Reports, folder: string, log: Log): (events: readonly RecordedEvent[]) => void {
  return (events) => {
    for (const e of events) {
      if (e.type !== 'OrderCompleted') continue;
      const number = e.data.number;
      try {
        mkdirSync(folder, { recursive: true });
        for (const format of ['v0600', 'v7'] as const) {
          const r = reports.performance(number, format);
          if (!r) continue;
          const file = join(folder, r.fileName);
          writeFileSync(`${file}.tmp`, r.xml);
          renameSync(`${file}.tmp`, file);
        }
      } catch (error) {
        log.error(`exporting the performance of ${number}`, error);
      }
    }
  };
}
