import type { z } from 'zod';
import { ErrorCode, can, fail, type ApiModule, type AppError, type CommandContext, type OperationSpec, type Permission, type Result, type UserView } from '../../../core';

export interface Caller {
  readonly user: UserView | null;
  readonly token: string | null;
  /** The command context of this call: the signed-in user, now, the request's correlation id. */
  readonly context: CommandContext;
  /** The client's address ("desktop" for the desktop app). */
  readonly address: string;
  /** The desktop app on the station's own computer (IPC), not a network client. */
  readonly local: boolean;
}

/** A handler receives the input after zod parsing (defaults applied) and answers the operation's output. */
export type Handler<S extends OperationSpec> = (input: z.output<S['input']>, caller: Caller) => Promise<Result<z.output<S['output']>>> | Result<z.output<S['output']>>;

/** One handler per operation of an API module: a missing or an extra one is a type error. */
export type Handlers<M extends ApiModule> = { [K in keyof M]: Handler<M[K]> };

function forbidden(user: UserView, what: string): { ok: false; error: AppError } {
  return fail(ErrorCode.forbidden, `${user.displayName} (${user.role.replace('_', ' ')}) may not ${what}. Ask a shift lead or supervisor.`, {
    role: user.role,
  });
}

/**
 * For operations whose permission depends on the input (an order action, an alarm action): the contract's own
 * permission admits any signed-in user, this checks the one the input asks for.
 */
export function requirePermission(caller: Caller, permission: Permission, what: string): { ok: false; error: AppError } | null {
  const user = caller.user;
  if (!user) return fail(ErrorCode.unauthenticated, 'Not signed in.');
  return can(user.role, permission) ? null : forbidden(user, what);
}
