import { ok, type CharacteristicView, type CommandContext, type Result, type SpcChartView, type spcApi } from '../../../core';
import type { Handlers } from './handler';

/** What SPC's operations need of the station. */
export interface SpcPorts {
  readonly spc: {
    characteristics(): CharacteristicView[];
    chart(q: { workCenter: string; measurement: string; from?: string | undefined; to?: string | undefined; last: number }): Result<SpcChartView>;
    setBaseline(input: unknown, ctx: CommandContext): Promise<Result<CharacteristicView>>;
  };
}

export function spcHandlers(s: SpcPorts): Handlers<typeof spcApi> {
  return {
    spcCharacteristics: () => ok(s.spc.characteristics()),
    spcChart: (input) => s.spc.chart(input),
    setSpcBaseline: (input, caller) => s.spc.setBaseline(input, caller.context),
  };
}
