import { availableParallelism } from 'node:os';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ErrorCode, fail, ok, type Result } from '../../core';
import { HashThreads } from './hash-threads';

/** A scrypt cost, named as stored beside each hash, so that the cost can rise and old hashes still verify. */
export interface ScryptScheme {
  readonly name: string;
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** Today's recommended cost (OWASP Password Storage: scrypt N=2^17, r=8, p=1; 128 MiB and a few hundred ms a hash). */
export const SCRYPT_STRONG: ScryptScheme = { name: 'scrypt-131072-8-1', N: 131072, r: 8, p: 1 };
/** The station's earlier cost; still verified, and replaced by the strong one at the user's next sign-in. */
export const SCRYPT_LEGACY: ScryptScheme = { name: 'scrypt-16384-8-1', N: 16384, r: 8, p: 1 };
/**
 * Demo accounts' cost: their passwords are their names, so hashing them hard protects nothing and slows a demo
 * station's start. Named apart from the legacy cost so that only real accounts' hashes are upgraded.
 */
export const SCRYPT_DEMO: ScryptScheme = { name: 'demo-scrypt-16384-8-1', N: 16384, r: 8, p: 1 };
const SCHEMES = new Map([SCRYPT_STRONG, SCRYPT_LEGACY, SCRYPT_DEMO].map((s) => [s.name, s]));
const KEYLEN = 32;

export class HasherBusyError extends Error {
  readonly code = 'busy';
}

/**
 * Password hashing off the event loop (scrypt runs on threads below the loop's priority, on Linux), at most
 * `concurrency` at once, with bounded queues: a storm of sign-ins waits its turn or is turned away, and never stalls
 * the station's loop, which carries PLC values to the mimic, nor takes a core from it.
 *
 * Checks of real accounts (sign-ins and password changes) go before decoys (sign-ins with names that do not exist),
 * each queue bounded on its own: a storm of made-up names, the usual brute force, does not keep people out for
 * minutes. It costs a little: during such a storm an unknown name is answered later than a real one, which tells
 * the names apart; guessing at real names is stopped by the accounts' lockout and the per-address backoff.
 */
export class PasswordHasher {
  private running = 0;
  /** Real accounts' checks, then decoys: each waiting for a free thread. */
  private readonly waiting: (() => void)[] = [];
  private readonly waitingDecoys: (() => void)[] = [];
  private readonly threads = new HashThreads();

  constructor(
    /**
     * One core is left to the station's loop: on a two-core station, one hash at a time (each is about 100 ms of a
     * core and 64 MiB), so that a storm of sign-ins never takes both cores from the PLC path.
     */
    private readonly concurrency = Math.max(1, Math.min(4, availableParallelism() - 1)),
    private readonly maxWaiting = 64,
    /** The cost of a decoy (an unknown user name): the strong one, as real accounts have. */
    private readonly decoyScheme: ScryptScheme = SCRYPT_STRONG,
  ) {}

  /** Ends the hash threads; hashes still running fail. */
  dispose(): Promise<void> {
    return this.threads.dispose();
  }

  async hash(password: string, scheme: ScryptScheme = SCRYPT_STRONG): Promise<{ scheme: string; salt: string; hash: string }> {
    const salt = randomBytes(16);
    const digest = await this.derive(password, salt, scheme, this.waiting);
    return { scheme: scheme.name, salt: salt.toString('base64'), hash: digest.toString('base64') };
  }

  /** Whether the password matches a stored hash. An unknown scheme never matches. */
  async verify(password: string, stored: { scheme: string; salt: string; hash: string }): Promise<boolean> {
    const scheme = SCHEMES.get(stored.scheme);
    if (!scheme) return false;
    const digest = await this.derive(password, Buffer.from(stored.salt, 'base64'), scheme, this.waiting);
    const expected = Buffer.from(stored.hash, 'base64');
    return expected.length === digest.length && timingSafeEqual(digest, expected);
  }

  /** The same work as a verification, for a user name that does not exist: timing does not tell which names do. */
  async decoy(password: string): Promise<void> {
    await this.derive(password, Buffer.alloc(16), this.decoyScheme, this.waitingDecoys);
  }

  private async derive(password: string, salt: Buffer, s: ScryptScheme, queue: (() => void)[]): Promise<Buffer> {
    await this.turn(queue);
    try {
      return await this.threads.run({ password, salt, keylen: KEYLEN, N: s.N, r: s.r, p: s.p });
    } finally {
      this.running -= 1;
      (this.waiting.shift() ?? this.waitingDecoys.shift())?.();
    }
  }

  private turn(queue: (() => void)[]): Promise<void> {
    if (this.running < this.concurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    if (queue.length >= this.maxWaiting) {
      return Promise.reject(new HasherBusyError('The station is checking too many sign-ins at once. Wait a moment and sign in again.'));
    }
    return new Promise<void>((resolve) =>
      queue.push(() => {
        this.running += 1;
        resolve();
      }),
    );
  }
}

/** A hash or verification as a result: a busy hasher is the station's "busy" (HTTP 429, try again in a second), other errors throw. */
export async function unlessBusy<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (error) {
    if (error instanceof HasherBusyError) return fail(ErrorCode.busy, error.message, { retryAfterSeconds: 1 });
    throw error;
  }
}
