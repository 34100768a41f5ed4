import { ErrorCode, fail, ok, type CommandContext, type Decider, type DomainEvent, type Result } from '../../core';
import type { EventStore, Tx } from '../store';

export type Decided = Result<readonly DomainEvent[]>;

/** What a command on a stream retention took is told. */
function retiredMessage(stream: string, at: string): string {
  const [kind, ...rest] = stream.split(':');
  const what = kind === 'order' ? `Order ${rest.join(':')}` : kind === 'unit' ? `Unit ${rest.join(':')}` : `The record ${stream}`;
  return `${what} is finished and its events left this station's log on ${at.slice(0, 10)} under retention (the plant holds them): nothing more is decided on it here.`;
}

/**
 * An aggregate's state as this log has it, for a decision: refused where retention took its stream (a finished unit
 * or order whose events the plant holds), whose state is not here to decide on. Every step of a command loads so.
 */
export function loadToDecide<S>(tx: Tx, stream: string, decider: { initialState(): S; evolve(state: S, event: never): S }): Result<{ readonly state: S; readonly version: number }> {
  const loaded = tx.load(stream, decider);
  if (loaded.version === 0) {
    const retired = tx.retiredAt(stream);
    if (retired !== null) return fail(ErrorCode.conflict, retiredMessage(stream, retired), { stream, retiredAt: retired });
  }
  return ok(loaded);
}

/** Load an aggregate, decide, append: one step of a command, inside the caller's transaction. */
export function exec<S, C, E extends DomainEvent>(tx: Tx, stream: string, decider: Decider<S, C, E>, command: C, meta: CommandContext): Decided {
  const loaded = loadToDecide(tx, stream, decider);
  if (!loaded.ok) return loaded;
  const { state, version } = loaded.value;
  const decision = decider.decide(command, state, meta);
  if (!decision.ok) return decision;
  if (decision.events.length > 0) tx.append(stream, version, decision.events, meta);
  return ok(decision.events);
}

/** Abort the surrounding savepoint when a later step of a multi-aggregate command is refused. */
export class Refused extends Error {
  constructor(readonly result: Decided) {
    super('refused');
  }
}

export const must = (r: Decided): readonly DomainEvent[] => {
  if (!r.ok) throw new Refused(r);
  return r.value;
};

/** One command in the store's next group; a later step's refusal (must) rolls the whole of it back and is its answer. */
export async function submitWhole<T>(store: EventStore, work: (tx: Tx) => Result<T>): Promise<Result<T>> {
  try {
    return await store.submit(work);
  } catch (error) {
    if (error instanceof Refused && !error.result.ok) return error.result;
    throw error;
  }
}
