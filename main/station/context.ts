import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../core';
import type { Clock } from './clock';

/** A command's context, made where a command enters the station: now, by this actor, under a new correlation id unless one is given. */
export function newContext(clock: Clock, actor: string, extra: Partial<Omit<CommandContext, 'actor' | 'at'>> = {}): CommandContext {
  return { actor, at: clock.now().toISOString(), correlationId: extra.correlationId ?? randomUUID(), ...withoutUndefined(extra) };
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
