import {
  ErrorCode,
  fail,
  ok,
  orderDecider,
  queueDecider,
  streams,
  unitDecider,
  unitRouting,
  unitSerial,
  workCenterDecider,
  configure,
  type CommandContext,
  type Configuration,
  type DomainEvent,
  type ProductDefinition,
  type Result,
} from '../../core';
import type { Tx } from '../store';
import { CommandBase, countsOf, type OrderRow } from './command-base';
import { exec, must, type Decided } from './exec';
import { unitLeftLine } from './unit-left-line';

/** Units and lots built on the line: started, arrived, scanned, completed or scrapped; lot quantities reported; machine states. */
export abstract class UnitCommands extends CommandBase {
  /**
   * The line can take a part: start the next unit of the first order in the dispatch list that needs one. A request
   * sent again under the same correlation id (a terminal's retry with its Idempotency-Key) gets the unit it started
   * the first time, not another.
   */
  startNextUnit(ctx: CommandContext): Promise<Result<string | null>> {
    return this.store.submit((tx): Result<string | null> => {
      // The PLC's requests carry fresh ids and are never retried under one: only a caller's request is looked up.
      if (ctx.source !== 'plc') {
        const already = tx.db
          .prepare("SELECT json_extract(data, '$.serial') FROM events WHERE correlation_id = ? AND type = 'UnitStarted' LIMIT 1")
          .pluck()
          .get(ctx.correlationId) as string | undefined;
        if (already !== undefined) return ok(already);
      }
      const next = tx.db
        .prepare(
          `SELECT o.* FROM dispatch_list d JOIN orders o ON o.number = d.number
           WHERE d.line = ? AND o.status IN ('dispatched', 'in_progress') AND o.tracking = 'serial'
             AND o.units_good + (o.units_started - o.units_good - o.units_scrapped) < o.quantity
           ORDER BY d.position LIMIT 1`,
        )
        .get(this.lineId) as OrderRow | undefined;
      if (!next) return ok(null);
      const row = tx.db.prepare('SELECT definition FROM products WHERE product = ? AND revision = ?').pluck().get(next.product, next.revision) as
        | string
        | undefined;
      if (!row) return fail(ErrorCode.notFound, `Product ${next.product} revision ${next.revision} has no routing on this station.`);
      const options = next.options ? (JSON.parse(next.options) as Configuration) : undefined;
      const configured = configure(JSON.parse(row) as ProductDefinition, options);
      if (!configured.ok) return configured;
      const definition = configured.value;
      const decided = exec(tx, streams.order(next.number), orderDecider, { type: 'StartUnit', counts: countsOf(next) }, ctx);
      if (!decided.ok) return decided;
      const serial = unitSerial(next.number, next.units_started + 1);
      const operations = unitRouting(definition);
      const unit = exec(
        tx,
        streams.unit(serial),
        unitDecider,
        { type: 'StartUnit', data: { serial, order: next.number, product: next.product, revision: next.revision, operations, ...(options ? { options } : {}) } },
        ctx,
      );
      if (!unit.ok) throw new Error(unit.error.message);
      return ok(serial);
    });
  }

  /** An operator scanned a component lot at a work center. */
  consumeLot(serial: string, scan: { workCenter: string; material: string; revision: string; lot: string; quantity?: number }, ctx: CommandContext): Promise<Decided> {
    return this.submit((tx) => {
      // A unit's serial scanned for a component: a sub-assembly built here if the unit is that material, completed;
      // otherwise it is not a lot of that component.
      const unit = tx.db.prepare('SELECT product, revision, status FROM units WHERE serial = ?').get(scan.lot.trim()) as
        | { product: string; revision: string; status: string }
        | undefined;
      if (unit && (unit.product !== scan.material || unit.revision !== scan.revision)) {
        return fail(ErrorCode.validation, `${scan.lot.trim()} is the serial number of a unit, not a lot of ${scan.material}. Scan the lot label of the component.`);
      }
      if (unit && unit.status !== 'completed') {
        return fail(ErrorCode.conflict, `${scan.lot.trim()} is a ${scan.material} built here that is not completed (${unit.status.replace('_', ' ')}): it cannot go into another unit.`);
      }
      return exec(tx, streams.unit(serial), unitDecider, { type: 'ConsumeLot', ...scan }, ctx);
    });
  }

  /** A unit scrapped by hand; the order learns of it as of any other finished unit. */
  scrapUnit(serial: string, reason: string, ctx: CommandContext): Promise<Decided> {
    return this.submit((tx) => {
      const events = must(exec(tx, streams.unit(serial), unitDecider, { type: 'ScrapUnit', reason }, ctx));
      return ok([...events, ...this.afterUnitFinished(tx, events, ctx)]);
    });
  }

  /** At a terminal: one unit at a time in a work center; the routing decides whether this one may start here. */
  startAtTerminal(serial: string, workCenter: string, ctx: CommandContext): Promise<Decided> {
    return this.submit((tx) => {
      const busy = tx.db
        .prepare("SELECT serial FROM units WHERE status = 'in_operation' AND work_center = ? AND serial <> ? LIMIT 1")
        .pluck()
        .get(workCenter, serial) as string | undefined;
      if (busy) {
        return fail(ErrorCode.invalidTransition, `Unit ${busy} is in operation at ${workCenter}; complete or scrap it before starting ${serial} here.`, { busy });
      }
      return exec(tx, streams.unit(serial), unitDecider, { type: 'ArriveAt', workCenter }, ctx);
    });
  }

  arrive(serial: string, workCenter: string, ctx: CommandContext): Promise<Decided> {
    return this.submit((tx) => exec(tx, streams.unit(serial), unitDecider, { type: 'ArriveAt', workCenter }, ctx));
  }

  completeOperation(
    serial: string,
    workCenter: string,
    readings: readonly { name: string; value: number }[],
    machineResult: 'good' | 'reject',
    ctx: CommandContext,
    /** At an operator terminal: every component must have been scanned (BOM compliance). */
    atTerminal = false,
  ): Promise<Decided> {
    return this.submit((tx) => {
      const events = must(
        exec(tx, streams.unit(serial), unitDecider, { type: 'CompleteOperation', workCenter, readings, machineResult, atTerminal }, ctx),
      );
      return ok([...events, ...this.afterUnitFinished(tx, events, ctx)]);
    });
  }

  private afterUnitFinished(tx: Tx, events: readonly DomainEvent[], ctx: CommandContext): DomainEvent[] {
    return unitLeftLine(tx, this.lineId, events, ctx);
  }

  /** Lot-based orders: a quantity done at an operation, good (passed on) and scrapped. */
  reportQuantity(
    number: string,
    report: { operation: number; workCenter: string; good: number; scrapped: number; reason?: string },
    ctx: CommandContext,
  ): Promise<Decided> {
    return this.submit((tx) => {
      const row = this.order(tx, number);
      if (!row) return fail(ErrorCode.notFound, `Order ${number} does not exist.`);
      const def = this.definition(tx, row.product, row.revision);
      if (!def) return fail(ErrorCode.notFound, `Product ${row.product} revision ${row.revision} has no routing on this station.`);
      const routing = def.routing.map((o) => ({
        seq: o.seq,
        workCenter: o.workCenter,
        components: o.components.flatMap((c) => {
          const revision = def.bom.find((b) => b.material === c.material)?.revision;
          return revision ? [{ material: c.material, revision, quantity: c.quantity }] : [];
        }),
      }));
      const events = must(exec(tx, streams.order(number), orderDecider, { type: 'ReportQuantity', ...report, routing }, ctx));
      const done = events.some((e) => e.type === 'OrderCompleted')
        ? must(exec(tx, streams.queue(this.lineId), queueDecider, { type: 'Dequeue', line: this.lineId, number }, ctx))
        : [];
      return ok([...events, ...done]);
    });
  }

  recordMachineState(workCenter: string, rawState: string, ctx: CommandContext): Promise<Decided> {
    return this.submit((tx) =>
      exec(tx, streams.workCenter(workCenter), workCenterDecider, { type: 'RecordMachineState', workCenter, rawState }, ctx),
    );
  }
}
