import type { CommandContext, DowntimeView, LossesView, ReasonTree, Result, StopView, downtimeApi } from '../../../core';
import { ok } from '../../../core';
import type { Handlers } from './handler';

/** What the downtime operations need of the station. */
export interface DowntimePorts {
  readonly downtime: {
    stops(q: { from: string; to: string; workCenter?: string | undefined; needsReason: boolean }): Result<DowntimeView>;
    giveReason(input: unknown, ctx: CommandContext): Promise<Result<StopView>>;
    reasons(): { tree: ReasonTree; isDefault: boolean };
    setReasons(input: { tree: unknown }, ctx: CommandContext): Promise<Result<{ tree: ReasonTree; isDefault: boolean }>>;
    losses(q: { from: string; to: string; workCenter?: string | undefined }): Result<LossesView>;
  };
}

export function downtimeHandlers(s: DowntimePorts): Handlers<typeof downtimeApi> {
  return {
    downtime: (input) => s.downtime.stops(input),
    giveStopReason: (input, caller) => s.downtime.giveReason(input, caller.context),
    downtimeReasons: () => ok(s.downtime.reasons()),
    setDowntimeReasons: (input, caller) => s.downtime.setReasons(input, caller.context),
    losses: (input) => s.downtime.losses(input),
  };
}
