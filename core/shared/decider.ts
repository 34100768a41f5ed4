import type { CommandContext } from './context';
import type { AppError } from './result';

export type Decision<E> = { readonly ok: true; readonly events: readonly E[] } | { readonly ok: false; readonly error: AppError };

/** decide(command, state) → events; evolve(state, event) → state (the emmett decider shape). */
export interface Decider<S, C, E> {
  readonly initialState: () => S;
  readonly decide: (command: C, state: S, context: CommandContext) => Decision<E>;
  readonly evolve: (state: S, event: E) => S;
}

export const accept = <E>(...events: E[]): Decision<E> => ({ ok: true, events });

export const refuse = <E>(code: string, message: string, details?: Record<string, unknown>): Decision<E> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

export const fold = <S, E>(decider: Pick<Decider<S, unknown, E>, 'initialState' | 'evolve'>, events: readonly E[]): S =>
  events.reduce(decider.evolve, decider.initialState());
