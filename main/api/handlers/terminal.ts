import {
  ErrorCode,
  fail,
  findEvent,
  ok,
  type AsBuiltView,
  type CommandContext,
  type DomainEvent,
  type OrderView,
  type Result,
  type TerminalView,
  type terminalApi,
} from '../../../core';
import type { Handlers } from './handler';
import { orderAfter } from './orders';

/** What the operator terminal's operations need of the station. */
export interface TerminalPorts {
  readonly commands: {
    startNextUnit(ctx: CommandContext): Promise<Result<string | null>>;
    startAtTerminal(serial: string, workCenter: string, ctx: CommandContext): Promise<Result<readonly DomainEvent[]>>;
    completeOperation(
      serial: string,
      workCenter: string,
      readings: readonly { name: string; value: number }[],
      machineResult: 'good' | 'reject',
      ctx: CommandContext,
      atTerminal?: boolean,
    ): Promise<Result<readonly DomainEvent[]>>;
    consumeLot(
      serial: string,
      scan: { workCenter: string; material: string; revision: string; lot: string; quantity?: number },
      ctx: CommandContext,
    ): Promise<Result<readonly DomainEvent[]>>;
    scrapUnit(serial: string, reason: string, ctx: CommandContext): Promise<Result<readonly DomainEvent[]>>;
    reportQuantity(
      number: string,
      report: { operation: number; workCenter: string; good: number; scrapped: number; reason?: string },
      ctx: CommandContext,
    ): Promise<Result<readonly DomainEvent[]>>;
  };
  readonly queries: {
    terminal(workCenter: string): TerminalView | null;
    order(number: string): OrderView | null;
  };
  readonly reports: { asBuilt(serial: string): AsBuiltView | null };
}

export function terminalHandlers(s: TerminalPorts): Handlers<typeof terminalApi> {
  return {
    terminal: (input) => {
      const view = s.queries.terminal(input.workCenter);
      return view ? ok(view) : fail(ErrorCode.notFound, `There is no work center ${input.workCenter} on this line.`);
    },
    nextUnit: async (_input, caller) => {
      const r = await s.commands.startNextUnit(caller.context);
      return r.ok ? ok({ serial: r.value }) : r;
    },
    startOperation: async (input, caller) => {
      const r = await s.commands.startAtTerminal(input.serial, input.workCenter, caller.context);
      if (!r.ok) return r;
      const unit = s.reports.asBuilt(input.serial);
      const current = unit?.operations.filter((o) => o.workCenter === input.workCenter).pop();
      return ok({ serial: input.serial, operation: current?.operation ?? 0, workCenter: input.workCenter });
    },
    completeOperation: async (input, caller) => {
      // At the terminal every component of the operation must be scanned first (BOM compliance).
      const r = await s.commands.completeOperation(input.serial, input.workCenter, input.readings, 'good', caller.context, true);
      if (!r.ok) return r;
      const done = findEvent(r.value, 'OperationCompleted')?.data;
      const scrap = findEvent(r.value, 'UnitScrapped')?.data;
      const rework = findEvent(r.value, 'UnitSentToRework')?.data;
      const status = r.value.some((e) => e.type === 'UnitCompleted') ? 'completed' : scrap ? 'scrapped' : 'queued';
      return ok({
        serial: input.serial,
        operation: done?.operation ?? 0,
        result: done?.result ?? 'fail',
        unitStatus: status,
        reason: scrap?.reason ?? rework?.reason ?? null,
        reworkTo: rework?.toOperation ?? null,
      });
    },
    consumeLot: async (input, caller) => {
      const { serial, ...scan } = input;
      const r = await s.commands.consumeLot(serial, scan, caller.context);
      if (!r.ok) return r;
      const d = findEvent(r.value, 'LotConsumed')?.data;
      return d ? ok({ serial, lot: d.lot, material: d.material, operation: d.operation }) : fail(ErrorCode.internal, 'The lot was not recorded.');
    },
    scrapUnit: async (input, caller) => {
      const r = await s.commands.scrapUnit(input.serial, input.reason, caller.context);
      return r.ok ? ok({ serial: input.serial, unitStatus: 'scrapped' }) : r;
    },
    reportQuantity: async (input, caller) => {
      const { number, ...report } = input;
      const r = await s.commands.reportQuantity(number, { ...report, ...(input.reason ? { reason: input.reason } : {}) }, caller.context);
      return r.ok ? orderAfter(s.queries, number) : r;
    },
  };
}
