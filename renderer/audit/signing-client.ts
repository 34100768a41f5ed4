import type { Result } from '../../core';
import type { HmiClient } from '../client';

/** What the station said an action needs (the details of `signature_required`). */
export interface SignatureAsk {
  readonly action: string;
  readonly actionLabel: string;
  readonly meaning: string;
  readonly usernameRequired: boolean;
  readonly second: { readonly meaning: string; readonly roles: readonly string[] } | null;
}

/** Signatures as the station takes them beside an action's input. */
export type GivenSignatures = { username?: string; password: string }[];

/** Asks the person for the signatures (a dialog); null when they cancel. `error` is why the last try was refused. */
export type AskForSignatures = (ask: SignatureAsk, error: string | null) => Promise<GivenSignatures | null>;

// Refusals the dialog shows and lets the person correct; anything else ends the signing with the station's answer.
const RETRY = new Set(['signature_required', 'signature_invalid', 'account_locked']);

type AnyCall = (operation: string, input: unknown) => Promise<Result<unknown>>;

/**
 * The client every screen uses, with signing: an action the station answers with `signature_required` is asked for in
 * a dialog and sent again with the signatures; a wrong password keeps the dialog open with the station's words.
 * Cancelled, the action's own answer (nothing was done) goes back to the screen.
 */
export function withSigning(base: HmiClient, ask: AskForSignatures): HmiClient {
  const send = base.call.bind(base) as AnyCall;
  const call: AnyCall = async (operation, input) => {
    const first = await send(operation, input);
    if (first.ok || first.error.code !== 'signature_required') return first;
    const needed = first.error.details as unknown as SignatureAsk;
    let error: string | null = null;
    for (;;) {
      const given = await ask(needed, error);
      if (!given) return first;
      const again = await send(operation, { ...(input as object), signatures: given });
      if (again.ok || !RETRY.has(again.error.code)) return again;
      error = again.error.message;
    }
  };
  return new Proxy(base, {
    get(target, property) {
      if (property === 'call') return call;
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
