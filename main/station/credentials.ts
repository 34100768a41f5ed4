import { ErrorCode, MAX_PASSWORD_HISTORY, fail, ok, type Result } from '../../core';
import type { Db } from '../store';
import { unlessBusy, type PasswordHasher } from './password-hasher';

/** A password hash as stored: its scheme (cost), salt and digest. */
export interface StoredCredential {
  readonly scheme: string;
  readonly salt: string;
  readonly hash: string;
}

/**
 * Password hashes, kept out of the event log (which is replicated and read as the audit trail): each user's current
 * one (credentials), and the ones before it (password_history), so that a new password is not a recent one.
 */
export class Credentials {
  constructor(private readonly db: Db) {}

  current(username: string): StoredCredential | null {
    return (this.db.prepare('SELECT scheme, salt, hash FROM credentials WHERE username = ?').get(username) as StoredCredential | undefined) ?? null;
  }

  /** The current hash first, then earlier ones, newest first: `n` in all at most. */
  recent(username: string, n: number): StoredCredential[] {
    const current = this.current(username);
    if (!current || n <= 1) return current ? [current] : [];
    const earlier = this.db
      .prepare('SELECT scheme, salt, hash FROM password_history WHERE username = ? ORDER BY id DESC LIMIT ?')
      .all(username, n - 1) as StoredCredential[];
    return [current, ...earlier];
  }

  /** A new user's first hash. Inside the caller's transaction. */
  add(username: string, c: StoredCredential, at: string): void {
    this.db.prepare('INSERT INTO credentials (username, scheme, salt, hash, changed_at) VALUES (?, ?, ?, ?, ?)').run(username, c.scheme, c.salt, c.hash, at);
  }

  /** A new password: the current hash goes to the history (the oldest beyond what a policy may check are dropped). Inside the caller's transaction. */
  replace(username: string, c: StoredCredential, at: string): void {
    const old = this.current(username);
    if (old) {
      this.db.prepare('INSERT INTO password_history (username, scheme, salt, hash, replaced_at) VALUES (?, ?, ?, ?, ?)').run(username, old.scheme, old.salt, old.hash, at);
      this.db
        .prepare('DELETE FROM password_history WHERE username = ? AND id NOT IN (SELECT id FROM password_history WHERE username = ? ORDER BY id DESC LIMIT ?)')
        .run(username, username, MAX_PASSWORD_HISTORY - 1);
    }
    this.db.prepare('UPDATE credentials SET scheme = ?, salt = ?, hash = ?, changed_at = ? WHERE username = ?').run(c.scheme, c.salt, c.hash, at, username);
  }

  /** The same password hashed at today's cost (at sign-in, when it is at hand): not a new password. */
  upgrade(username: string, from: StoredCredential, to: StoredCredential): void {
    // Only if it is still the hash that was checked: a password changed meanwhile stays as changed.
    this.db.prepare('UPDATE credentials SET scheme = ?, salt = ?, hash = ? WHERE username = ? AND hash = ?').run(to.scheme, to.salt, to.hash, username, from.hash);
  }
}

/**
 * Whether `current` is the password (kept[0]), and which kept one `next` is (0: the current one; null: none), checked
 * only if `checkNext` (a password too short is refused for that first: no hashes spent on it).
 */
export async function checkPasswords(
  hasher: PasswordHasher,
  kept: readonly StoredCredential[],
  current: string,
  next: string,
  checkNext: boolean,
): Promise<Result<{ current: boolean; reuses: number | null }>> {
  const [now] = kept;
  if (!now) return fail(ErrorCode.notFound, 'Your account has no password on this station. Ask an administrator to set one.');
  const checked = await unlessBusy(() => Promise.all([hasher.verify(current, now), ...(checkNext ? kept.map((k) => hasher.verify(next, k)) : [])]));
  if (!checked.ok) return checked;
  const [matches, ...reused] = checked.value;
  const reuses = reused.indexOf(true);
  return ok({ current: matches === true, reuses: reuses < 0 ? null : reuses });
}
