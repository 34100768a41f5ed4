import { ok, type CommandContext, type Decider, type DomainEvent } from '../../core';
import type { Tx } from '../store';
import { loadToDecide, type Decided } from './exec';

/** A step of a command: load an aggregate, decide, and append now (exec) or later (a plan's step). */
export type Step = <S, C, E extends DomainEvent>(tx: Tx, stream: string, decider: Decider<S, C, E>, command: C, meta: CommandContext) => Decided;

/** Events decided for one stream, to be appended on the version the decision saw. */
export interface Planned {
  readonly stream: string;
  readonly expected: number;
  readonly events: readonly DomainEvent[];
}

interface Head {
  readonly state: unknown;
  readonly version: number;
}

/**
 * A long command decided before anything of it is written: every step decided against the log (and against the
 * steps decided before it, as if appended), the events kept in order with the version each step saw. Appended
 * afterwards, in parts (appendPart), only when every step was accepted: a refusal anywhere writes nothing.
 *
 * Decided in parts too: each part is a store job, which the store may run twice (a group it shares with a failing
 * command is run again), so a part decides into a `part()` of its own that is adopted only once its job has returned.
 */
export class Plan {
  private readonly heads = new Map<string, Head>();
  private readonly planned: Planned[] = [];
  private appended = 0;

  /** A part to decide in one store job; adopt() it when the job returned. */
  part(): PlanPart {
    return new PlanPart(this.heads);
  }

  adopt(part: PlanPart): void {
    for (const [stream, head] of part.heads) this.heads.set(stream, head);
    this.planned.push(...part.planned);
  }

  get events(): number {
    return this.planned.reduce((n, p) => n + p.events.length, 0);
  }

  get done(): boolean {
    return this.appended >= this.planned.length;
  }

  /**
   * Appends the next planned steps inside the caller's store job until `budgetMs` has passed (at least one step).
   * Returns how far it got; the caller calls appended() with it once the job has committed.
   */
  appendPart(tx: Tx, meta: CommandContext, budgetMs: number, now: () => number): number {
    const until = now() + budgetMs;
    let next = this.appended;
    do {
      const p = this.planned[next];
      if (!p) break;
      tx.append(p.stream, p.expected, p.events, meta);
      next += 1;
    } while (now() < until);
    return next;
  }

  committed(through: number): void {
    this.appended = through;
  }
}

export class PlanPart {
  readonly heads = new Map<string, Head>();
  readonly planned: Planned[] = [];

  constructor(private readonly before: ReadonlyMap<string, Head>) {}

  /** Decides as exec does, keeping the events instead of appending them. */
  readonly step: Step = (tx, stream, decider, command, meta) => {
    let head = this.heads.get(stream) ?? this.before.get(stream);
    if (!head) {
      const loaded = loadToDecide(tx, stream, decider);
      if (!loaded.ok) return loaded;
      head = loaded.value;
    }
    const decision = decider.decide(command, head.state as never, meta);
    if (!decision.ok) return decision;
    if (decision.events.length > 0) {
      let state = head.state as Parameters<typeof decider.evolve>[0];
      for (const e of decision.events) state = decider.evolve(state, e);
      this.heads.set(stream, { state, version: head.version + decision.events.length });
      this.planned.push({ stream, expected: head.version, events: decision.events });
    } else if (!this.heads.has(stream) && !this.before.has(stream)) {
      this.heads.set(stream, head);
    }
    return ok(decision.events);
  };
}
