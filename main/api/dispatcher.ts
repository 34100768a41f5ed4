import { randomUUID } from 'node:crypto';
import {
  ACTION_LABEL,
  ACTION_PERMISSION,
  CORRELATION_ID,
  ErrorCode,
  OPEN_WHILE_PASSWORD_MUST_CHANGE,
  can,
  contract,
  fail,
  type AppError,
  type CommandContext,
  type OperationName,
  type Result,
  type SignableAction,
} from '../../core';
import { createHandlers } from './handlers';
import type { Services } from './ports';

/** What a transport knows of a call besides its input and bearer token. */
export interface CallMeta {
  /** A correlation id the caller gave (x-correlation-id, Idempotency-Key). */
  readonly correlationId?: string | undefined;
  /** The client's network address (HTTP), for sign-in backoff and the record of who came from where. */
  readonly address?: string | undefined;
  /** The desktop app on the station's own computer (IPC), never HTTP: it alone is told the first administrator's password. */
  readonly local?: boolean;
}

export type Dispatch = (operation: string, input: unknown, token: string | null, meta?: CallMeta) => Promise<Result<unknown>>;

export interface DispatchLog {
  warn(message: string): void;
  error(message: string, error: unknown): void;
}

/** A call slower than this is logged with its operation, so a slow query shows up in the station's log. */
export const SLOW_CALL_MS = 250;

/** A contract's validation issues as one message and a message per field. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const i of issues) fields[i.path.map(String).join('.') || '(body)'] = i.message;
  const message = Object.entries(fields)
    .map(([f, m]) => `${f}: ${m}`)
    .join('; ');
  return { message: `The request is not valid — ${message}`, fields };
}

/**
 * The one entry for every transport (HTTP, WebSocket, IPC): validate the input against the contract,
 * authenticate, check the role, run the handler. Nothing the caller sends is trusted before this.
 */
export function createDispatcher(services: Services, log: DispatchLog): Dispatch {
  const handlers = createHandlers(services) as unknown as Record<OperationName, (i: unknown, c: unknown) => Promise<Result<unknown>> | Result<unknown>>;
  return async (operation, input, token, meta = {}) => {
    if (!Object.hasOwn(contract, operation)) return fail(ErrorCode.notFound, `There is no operation "${operation}".`);
    const name = operation as OperationName;
    const spec = contract[name];
    let user = null;
    if (spec.permission !== null) {
      // A command is the user at work (the idle timeout starts again); a read may be a screen refreshing itself.
      const auth = services.accounts.authenticate(token, { activity: spec.method === 'POST' });
      if (!auth.ok) return auth;
      user = auth.value;
      if (auth.value.mustChangePassword === true && !OPEN_WHILE_PASSWORD_MUST_CHANGE.has(name)) {
        return fail(ErrorCode.passwordChangeRequired, 'Choose a new password first: the one you signed in with was temporary (POST /api/v1/session/password).');
      }
      if (!can(user.role, spec.permission)) {
        return fail(ErrorCode.forbidden, `${user.displayName} (${user.role.replace('_', ' ')}) may not ${spec.summary.toLowerCase()}.`, { role: user.role });
      }
    }
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      const { message, fields } = describeIssues(parsed.error.issues);
      return fail(ErrorCode.validation, message, { fields });
    }
    const started = performance.now();
    try {
      let context: CommandContext = {
        actor: user?.username ?? 'anonymous',
        at: services.now().toISOString(),
        correlationId: meta.correlationId !== undefined && CORRELATION_ID.test(meta.correlationId) ? meta.correlationId : randomUUID(),
      };
      const address = clientAddress(meta);
      // An action that may need an electronic signature: checked (and its signers' passwords) before anything is done.
      const action = (spec as { signature?: (i: unknown) => SignableAction | null }).signature?.(parsed.data) ?? null;
      if (action !== null && user) {
        if (!can(user.role, ACTION_PERMISSION[action])) {
          return fail(ErrorCode.forbidden, `${user.displayName} (${user.role.replace('_', ' ')}) may not ${ACTION_LABEL[action].toLowerCase()}.`, { role: user.role });
        }
        const given = typeof input === 'object' && input !== null ? (input as { signatures?: unknown }).signatures : undefined;
        const signed = await services.signatures.sign(action, { user, token, address }, given, context);
        if (!signed.ok) return signed;
        if (signed.value.length > 0) context = { ...context, signatures: signed.value };
      }
      return await handlers[name](parsed.data, { user, token, context, address, local: meta.local === true });
    } catch (error) {
      const code = (error as Partial<AppError>)?.code;
      if (code === 'conflict') return fail(ErrorCode.conflict, 'Someone else changed this at the same moment. Look at the current state and try again.');
      log.error(`operation ${name} failed`, error);
      return fail(ErrorCode.internal, 'The station could not complete this. It has been logged; nothing was half-applied. Try again, or call IT.');
    } finally {
      const took = performance.now() - started;
      if (took > SLOW_CALL_MS) log.warn(`slow call: ${name} took ${Math.round(took)} ms (${user?.username ?? 'no session'})`);
    }
  };
}

/** The caller's address as recorded: an IPv4 address without its IPv6 wrapping; the desktop app is "desktop". */
function clientAddress(meta: CallMeta): string {
  if (meta.local === true) return 'desktop';
  const a = meta.address ?? 'unknown';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

const STATUS: Record<string, number> = {
  [ErrorCode.validation]: 400,
  [ErrorCode.b2mmlInvalid]: 400,
  [ErrorCode.unauthenticated]: 401,
  [ErrorCode.forbidden]: 403,
  [ErrorCode.notFound]: 404,
  [ErrorCode.busy]: 429,
  [ErrorCode.accountLocked]: 403,
  [ErrorCode.passwordChangeRequired]: 403,
  // Not 401: the session stands; the action waits for its signature.
  [ErrorCode.signatureRequired]: 428,
  [ErrorCode.signatureInvalid]: 403,
  [ErrorCode.tooLarge]: 413,
  [ErrorCode.unsupportedMedia]: 415,
  [ErrorCode.internal]: 500,
};

/** HTTP status of an error code: refusals of the domain (conflicts with the current state) are 409. */
export const httpStatusOf = (code: string): number => STATUS[code] ?? 409;
