import type { Signature } from '../audit/signatures';

/**
 * What every command carries, whole (STYLE §17): who does it, when, why, under which request, and, for actions
 * that need one, the electronic signature. Time, ids and the actor arrive here; the core never reads a clock.
 */
export interface CommandContext {
  /** The user name of whoever gave the command; a station function ('plc', 'alarm-engine', 'system') when no person did. */
  readonly actor: string;
  /** When, as ISO 8601 UTC. */
  readonly at: string;
  /** One id for everything one request caused (every event of every aggregate it touched); given by the caller or made. */
  readonly correlationId: string;
  /** Why, where the person gave a reason. */
  readonly reason?: string;
  /** Where the command came in: 'hmi', 'api', 'plc', 'file:<name>', 'start-up'. */
  readonly source?: string;
  /** Electronic signatures over the command (21 CFR Part 11), checked by the station before the command runs: each event it records carries them, bound to it. */
  readonly signatures?: readonly Signature[];
}

/** A correlation id a caller may give (x-correlation-id): short, printable, no spaces. */
export const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,64}$/;
