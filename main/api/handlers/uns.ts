import type { CommandContext, Result, UnsConfig, UnsView, unsApi } from '../../../core';
import type { Handlers } from './handler';

/** What the Unified Namespace operations need of the station. */
export interface UnsPorts {
  readonly uns: {
    view(): UnsView;
    save(settings: UnsConfig | null, ctx: CommandContext): Result<UnsView>;
  };
}

export function unsHandlers(s: UnsPorts): Handlers<typeof unsApi> {
  return {
    getUns: () => ({ ok: true, value: s.uns.view() }),
    saveUns: (input, caller) => s.uns.save(input.settings, caller.context),
  };
}
