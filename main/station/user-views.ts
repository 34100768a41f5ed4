import { ErrorCode, fail, ok, type Result, type Role, type UserAdminView } from '../../core';
import type { Db } from '../store';
import type { Clock } from './clock';

interface UserRow {
  username: string;
  display_name: string;
  role: Role;
  state: 'active' | 'disabled';
  must_change_password: number;
  created_at: string;
  locked_until: string | null;
  last_sign_in_at: string | null;
}

/** Users as administrators see them: the users and access read models together. */
export class UserViews {
  private readonly select;
  private readonly selectOne;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    const sql = `SELECT u.username, u.display_name, u.role, u.state, u.must_change_password, u.created_at, a.locked_until, a.last_sign_in_at
                 FROM users u LEFT JOIN access a USING (username)`;
    this.select = db.prepare(`${sql} ORDER BY u.username`);
    this.selectOne = db.prepare(`${sql} WHERE u.username = ?`);
  }

  all(): UserAdminView[] {
    return (this.select.all() as UserRow[]).map((r) => this.view(r));
  }

  one(username: string): UserAdminView | null {
    const row = this.selectOne.get(username) as UserRow | undefined;
    return row ? this.view(row) : null;
  }

  result(username: string): Result<UserAdminView> {
    const v = this.one(username);
    return v ? ok(v) : fail(ErrorCode.notFound, `There is no user ${username}.`);
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM users').pluck().get() as number;
  }

  private view(r: UserRow): UserAdminView {
    // A lock that has run out is no lock, though the read model keeps its time until the next event.
    const locked = r.locked_until !== null && Date.parse(r.locked_until) > this.clock.now().getTime();
    return {
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      state: r.state,
      mustChangePassword: r.must_change_password === 1,
      lockedUntil: locked ? r.locked_until : null,
      lastSignInAt: r.last_sign_in_at,
      createdAt: r.created_at,
    };
  }
}
