export interface AddressBackoffOptions {
  /** Failed sign-ins from one address within the window before it must wait. */
  readonly free: number;
  readonly windowMs: number;
  /** The first wait; each further failure doubles it, up to maxSeconds. */
  readonly firstSeconds: number;
  readonly maxSeconds: number;
  /** Addresses remembered at most (the oldest are forgotten first): an attack from many addresses cannot fill memory. */
  readonly maxAddresses: number;
}

/**
 * 10 failures in 15 minutes are free (a terminal shared by a shift, some of whom mistype); then 1 s, 2 s, 4 s, … up
 * to 15 minutes between attempts. A success from the address forgets its failures.
 */
export const DEFAULT_BACKOFF: AddressBackoffOptions = { free: 10, windowMs: 15 * 60_000, firstSeconds: 1, maxSeconds: 15 * 60, maxAddresses: 10_000 };

interface Entry {
  failures: number[];
  blockedUntil: number;
}

/**
 * Per client address: after repeated failed sign-ins, the address waits longer and longer before the station checks
 * another password from it (HTTP 429 with Retry-After). Kept in memory: a restart forgets it, the lockout of each
 * account (in the log) stays.
 */
export class AddressBackoff {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly o: AddressBackoffOptions = DEFAULT_BACKOFF) {}

  /** Seconds the address must still wait, or 0. */
  waitSeconds(address: string, now: number): number {
    const e = this.entries.get(address);
    return e && e.blockedUntil > now ? Math.ceil((e.blockedUntil - now) / 1000) : 0;
  }

  /** A failure from the address; says when it must wait until (and how many failures), if it must now. */
  failure(address: string, now: number): { until: number; failures: number } | null {
    const e = this.entries.get(address) ?? { failures: [], blockedUntil: 0 };
    this.entries.delete(address);
    this.entries.set(address, e);
    if (this.entries.size > this.o.maxAddresses) this.entries.delete(this.entries.keys().next().value as string);
    e.failures = [...e.failures.filter((t) => t > now - this.o.windowMs), now].slice(-100);
    const over = e.failures.length - this.o.free;
    if (over <= 0) return null;
    const seconds = Math.min(this.o.maxSeconds, this.o.firstSeconds * 2 ** (over - 1));
    e.blockedUntil = now + seconds * 1000;
    return { until: e.blockedUntil, failures: e.failures.length };
  }

  success(address: string): void {
    this.entries.delete(address);
  }
}
