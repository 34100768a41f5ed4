import type { AccountPolicy, CommandContext, Result, Role, SessionView, UserAdminView, usersApi } from '../../../core';
import { ok } from '../../../core';
import type { Handlers } from './handler';

/** What user administration needs of the station (administrators only: the contract's permission 'users.manage'). */
export interface UsersPorts {
  readonly accounts: {
    users(): UserAdminView[];
    create(username: string, displayName: string, role: Role, password: string, ctx: CommandContext): Promise<Result<UserAdminView>>;
    disable(username: string, ctx: CommandContext): Promise<Result<UserAdminView>>;
    enable(username: string, ctx: CommandContext): Promise<Result<UserAdminView>>;
    unlock(username: string, ctx: CommandContext): Promise<Result<UserAdminView>>;
    changeRole(username: string, role: Role, ctx: CommandContext): Promise<Result<UserAdminView>>;
    resetPassword(username: string, password: string, ctx: CommandContext): Promise<Result<UserAdminView>>;
    sessionList(currentToken: string | null): SessionView[];
    revoke(id: string, ctx: CommandContext): Result<{ ended: boolean }>;
    policy(): AccountPolicy;
    setPolicy(policy: AccountPolicy, ctx: CommandContext): Promise<Result<AccountPolicy>>;
  };
}

export function usersHandlers(s: UsersPorts): Handlers<typeof usersApi> {
  const a = s.accounts;
  return {
    listUsers: () => ok(a.users()),
    // The password an administrator gives is temporary: the user chooses their own at the first sign-in.
    createUser: (input, caller) => a.create(input.username, input.displayName, input.role, input.password, caller.context),
    disableUser: (input, caller) => a.disable(input.username, caller.context),
    enableUser: (input, caller) => a.enable(input.username, caller.context),
    unlockUser: (input, caller) => a.unlock(input.username, caller.context),
    changeRole: (input, caller) => a.changeRole(input.username, input.role, caller.context),
    resetPassword: (input, caller) => a.resetPassword(input.username, input.password, caller.context),
    listSessions: (_input, caller) => ok(a.sessionList(caller.token)),
    revokeSession: (input, caller) => a.revoke(input.id, caller.context),
    getAccountPolicy: () => ok(a.policy()),
    setAccountPolicy: (input, caller) => a.setPolicy(input, caller.context),
  };
}
