import {
  ErrorCode,
  fail,
  ok,
  type ChangeDispositionView,
  type ChangeView,
  type CommandContext,
  type Disposition,
  type DispositionChoice,
  type EngineeringChange,
  type ImpactView,
  type InstructionCard,
  type Result,
  type changesApi,
} from '../../../core';
import type { Handlers } from './handler';

/** What engineering changes need of the station. */
export interface ChangesPorts {
  readonly changes: {
    submit(change: EngineeringChange, ctx: CommandContext): Promise<Result<ChangeView>>;
    get(number: string): ChangeView | null;
    list(status?: ChangeView['status']): ChangeView[];
    impact(number: string): ImpactView | null;
    approve(number: string, ctx: CommandContext): Promise<Result<ChangeView>>;
    decline(number: string, how: 'reject' | 'defer', reason: string, ctx: CommandContext): Promise<Result<ChangeView>>;
    chooseDispositions(number: string, choices: readonly DispositionChoice[], ctx: CommandContext): Promise<Result<ChangeView>>;
    dispositions(number: string): ChangeDispositionView[];
    instructionCards(product: string, revision: string): InstructionCard[] | null;
    dispose(serial: string, choice: { disposition: Disposition; reason?: string }, ctx: CommandContext): Promise<Result<{ serial: string; change: string; disposition: Disposition }>>;
  };
}

export function changesHandlers(s: ChangesPorts): Handlers<typeof changesApi> {
  return {
    submitChange: (input, caller) => s.changes.submit(input, caller.context),
    listChanges: (input) => ok(s.changes.list(input.status)),
    getChange: (input) => {
      const c = s.changes.get(input.number);
      return c ? ok(c) : fail(ErrorCode.notFound, `There is no change ${input.number}.`);
    },
    approveChange: (input, caller) => s.changes.approve(input.number, caller.context),
    rejectChange: (input, caller) => s.changes.decline(input.number, 'reject', input.reason, caller.context),
    deferChange: (input, caller) => s.changes.decline(input.number, 'defer', input.reason, caller.context),
    chooseDispositions: (input, caller) => s.changes.chooseDispositions(input.number, input.choices, caller.context),
    changeDispositions: (input) => (s.changes.get(input.number) ? ok(s.changes.dispositions(input.number)) : fail(ErrorCode.notFound, `There is no change ${input.number}.`)),
    disposeUnit: (input, caller) => s.changes.dispose(input.serial, { disposition: input.disposition, ...(input.reason ? { reason: input.reason } : {}) }, caller.context),
    instructionCards: (input) => {
      const cards = s.changes.instructionCards(input.product, input.revision);
      return cards ? ok(cards.map((c) => ({ ...c, components: [...c.components], checks: [...c.checks], changed: c.changed ? { ...c.changed, what: [...c.changed.what] } : null }))) : fail(ErrorCode.notFound, `There is no ${input.product} rev ${input.revision} here.`);
    },
    changeImpact: (input) => {
      const i = s.changes.impact(input.number);
      return i ? ok(i) : fail(ErrorCode.notFound, `There is no change ${input.number}.`);
    },
  };
}
