import { ErrorCode, fail, ok, type CommandContext, type FirstAdmin, type Health, type Result, type Session, type SessionInfo, type sessionApi } from '../../../core';
import type { Handlers } from './handler';

/** What health and sessions need of the station. */
export interface SessionPorts {
  readonly accounts: {
    signIn(username: string, password: string, address: string, ctx: CommandContext): Promise<Result<Session>>;
    signOut(token: string | null | undefined): boolean;
    sessionInfo(token: string | null): Result<SessionInfo>;
    changePassword(token: string | null, current: string, next: string, ctx: CommandContext): Promise<Result<Session>>;
    takeFirstAdmin(): FirstAdmin;
  };
  readonly health: () => Health;
}

export function sessionHandlers(s: SessionPorts): Handlers<typeof sessionApi> {
  return {
    health: () => ok(s.health()),
    login: (input, caller) => s.accounts.signIn(input.username, input.password, caller.address, caller.context),
    logout: (_input, caller) => ok({ ended: s.accounts.signOut(caller.token) }),
    me: (_input, caller) => s.accounts.sessionInfo(caller.token),
    changePassword: (input, caller) => s.accounts.changePassword(caller.token, input.currentPassword, input.newPassword, caller.context),
    // The dispatcher has marked the session as used (a POST): this only tells the HMI until when it lasts.
    sessionActivity: (_input, caller) => s.accounts.sessionInfo(caller.token),
    // Only over IPC from the desktop app on the station's computer: a network client is never told it.
    firstAdmin: (_input, caller) =>
      caller.local ? ok(s.accounts.takeFirstAdmin()) : fail(ErrorCode.forbidden, "The first administrator's password is shown only on the station's own computer (desktop app or console)."),
  };
}
