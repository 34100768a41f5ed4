import { ErrorCode, fail, ok, type Health, type Result, type Session, type sessionApi } from '../../../core';
import type { Handlers } from './handler';

/** What health and sessions need of the station. */
export interface SessionPorts {
  readonly accounts: {
    signIn(username: string, password: string): Promise<Result<Session>>;
    signOut(token: string | null | undefined): boolean;
  };
  readonly health: () => Health;
}

export function sessionHandlers(s: SessionPorts): Handlers<typeof sessionApi> {
  return {
    health: () => ok(s.health()),
    login: (input) => s.accounts.signIn(input.username, input.password),
    logout: (_input, caller) => ok({ ended: s.accounts.signOut(caller.token) }),
    me: (_input, caller) => (caller.user ? ok(caller.user) : fail(ErrorCode.unauthenticated, 'Not signed in.')),
  };
}
