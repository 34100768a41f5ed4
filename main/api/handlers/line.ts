import { ok, type CommandContext, type LineSetup, type LineSetupInput, type LineView, type OutputOf, type PackMLCommand, type Result, type WipItem, type lineApi } from '../../../core';
import type { Handlers } from './handler';

/** What the line's operations need of the station. */
export interface LinePorts {
  readonly queries: { line(): LineView; wip(): WipItem[] };
  readonly lines: { get(): LineSetup | null; configure(setup: LineSetupInput, ctx: CommandContext): Promise<Result<LineSetup>> };
  readonly connectivity: {
    command(workCenter: string, command: PackMLCommand, ctx: CommandContext): Promise<Result<OutputOf<'workCenterCommand'>>>;
  };
}

export function lineHandlers(s: LinePorts): Handlers<typeof lineApi> {
  return {
    getLine: () => ok(s.queries.line()),
    getLineSetup: () => ok(s.lines.get()),
    configureLine: (input, caller) => s.lines.configure(input, caller.context),
    listWip: () => ok(s.queries.wip()),
    workCenterCommand: (input, caller) => s.connectivity.command(input.workCenter, input.command, caller.context),
  };
}
