import { z } from 'zod';
import {
  ACTION_LABEL,
  ErrorCode,
  MEANINGS,
  MEANING_LABEL,
  ROLE_LABEL,
  SIGNATURE_POLICY_STREAM,
  fail,
  ok,
  signaturePolicyDecider,
  type CommandContext,
  type Result,
  type Signature,
  type SignableAction,
  type SignaturePolicy,
  type UserView,
} from '../../core';
import type { EventStore } from '../store';
import { exec } from './exec';

/** A signature as a client gives it: the password, and the user name where it is needed (the session's first signing, a second signer). */
export const GivenSignature = z.object({
  username: z.string().min(1).max(64).optional(),
  password: z.string().min(1).max(1024),
  meaning: z.enum(MEANINGS).optional(),
});
const GivenSignatures = z.array(GivenSignature).min(1).max(2);

/** What signing needs of the accounts. */
export interface SigningAccounts {
  checkSigner(username: string, password: string, address: string, action: string, ctx: CommandContext): Promise<Result<UserView>>;
  hasSigned(token: string | null): boolean;
  markSigned(token: string | null): void;
}

/** The signer, as the dispatcher knows the caller. */
export interface SigningCaller {
  readonly user: UserView;
  readonly token: string | null;
  readonly address: string;
}

/** The station's local time with its zone, as a signer saw it: "2026-12-06 15:03:12 CET". */
export function localTime(iso: string, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    ...(timeZone ? { timeZone } : {}),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(new Date(iso));
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}:${p('second')} ${p('timeZoneName')}`;
}

/**
 * Electronic signatures (21 CFR Part 11): which actions need one (the policy, itself changed only with a signature),
 * and signing: the session's first signing with user name and password, later ones with the password (11.200(a)(1));
 * the meaning the policy states; a second, different user of a permitted role where the action is two-person. Wrong
 * passwords count toward the lockout. The signatures travel with the command into every event it records.
 */
export class Signatures {
  private policyNow: SignaturePolicy;

  constructor(
    private readonly store: EventStore,
    private readonly accounts: SigningAccounts,
    private readonly timeZone?: string,
  ) {
    this.policyNow = store.runNow((tx) => tx.load(SIGNATURE_POLICY_STREAM, signaturePolicyDecider).state);
  }

  policy(): SignaturePolicy {
    return this.policyNow;
  }

  /** Changes the policy (the caller signed it: the dispatcher asks for the signature.policy signature first). */
  async setPolicy(policy: SignaturePolicy, ctx: CommandContext): Promise<Result<SignaturePolicy>> {
    const r = await this.store.submit((tx) => exec(tx, SIGNATURE_POLICY_STREAM, signaturePolicyDecider, { type: 'SetSignaturePolicy', policy }, ctx));
    if (!r.ok) return r;
    for (const e of r.value) if (e.type === 'SignaturePolicyChanged') this.policyNow = e.data.after;
    return ok(this.policyNow);
  }

  /**
   * The signatures an action needs, checked: none when the policy asks none; `signature_required` (saying which
   * meaning, whether a user name is needed, and a second signer's meaning and roles) when none were given; else each
   * signer checked as a sign-in is.
   */
  async sign(action: SignableAction, caller: SigningCaller, given: unknown, ctx: CommandContext): Promise<Result<readonly Signature[]>> {
    const rule = this.policyNow[action];
    if (!rule.required) return ok([]);
    const needsName = !this.accounts.hasSigned(caller.token);
    const details = {
      action,
      actionLabel: ACTION_LABEL[action],
      meaning: rule.meaning,
      usernameRequired: needsName,
      second: rule.second,
    };
    const what = `${ACTION_LABEL[action]} needs your electronic signature (${MEANING_LABEL[rule.meaning]})`;
    const second = rule.second ? ` and a second signature (${MEANING_LABEL[rule.second.meaning]}) by another user: ${rule.second.roles.map((r) => ROLE_LABEL[r]).join(', ')}` : '';
    if (given === undefined || given === null || (Array.isArray(given) && given.length === 0)) {
      return fail(ErrorCode.signatureRequired, `${what}${second}. Nothing was done.`, details);
    }
    const parsed = GivenSignatures.safeParse(given);
    if (!parsed.success) return fail(ErrorCode.validation, 'Signatures are a list of {username, password, meaning}: the signer first, then a second signer if the action needs one.');
    const [mine, theirs] = parsed.data;
    if (!mine) return fail(ErrorCode.signatureRequired, `${what}${second}. Nothing was done.`, details);
    if (needsName && mine.username === undefined) {
      return fail(ErrorCode.signatureRequired, `Your first signature in this session takes your user name and your password. Nothing was done.`, details);
    }
    if (mine.username !== undefined && mine.username !== caller.user.username) {
      return fail(ErrorCode.signatureInvalid, `You sign as yourself (${caller.user.username}): a signature is given by the person who does the action. Nothing was done.`, details);
    }
    if (mine.meaning !== undefined && mine.meaning !== rule.meaning) {
      return fail(ErrorCode.signatureInvalid, `${ACTION_LABEL[action]} is signed as ${MEANING_LABEL[rule.meaning]}, not ${MEANING_LABEL[mine.meaning]}. Nothing was done.`, details);
    }
    if (rule.second) {
      if (!theirs?.username) return fail(ErrorCode.signatureRequired, `${what}${second}. Nothing was done.`, details);
      if (theirs.username === caller.user.username) {
        return fail(ErrorCode.signatureInvalid, `The second signature must be another person's, not yours (${caller.user.username}). Nothing was done.`, details);
      }
      if (theirs.meaning !== undefined && theirs.meaning !== rule.second.meaning) {
        return fail(ErrorCode.signatureInvalid, `The second signature is ${MEANING_LABEL[rule.second.meaning]}, not ${MEANING_LABEL[theirs.meaning]}. Nothing was done.`, details);
      }
    }
    const me = await this.accounts.checkSigner(caller.user.username, mine.password, caller.address, action, ctx);
    if (!me.ok) return me;
    const signatures: Signature[] = [this.signature(me.value, rule.meaning, action, ctx.at)];
    if (rule.second && theirs?.username) {
      const other = await this.accounts.checkSigner(theirs.username, theirs.password, caller.address, action, ctx);
      if (!other.ok) return other;
      if (!rule.second.roles.includes(other.value.role)) {
        return fail(
          ErrorCode.signatureInvalid,
          `${other.value.displayName} (${ROLE_LABEL[other.value.role]}) may not give the second signature for this: ${rule.second.roles.map((r) => ROLE_LABEL[r]).join(', ')} may. Nothing was done.`,
          details,
        );
      }
      signatures.push(this.signature(other.value, rule.second.meaning, action, ctx.at));
    }
    this.accounts.markSigned(caller.token);
    return ok(signatures);
  }

  private signature(user: UserView, meaning: Signature['meaning'], action: SignableAction, at: string): Signature {
    return { username: user.username, name: user.displayName, role: user.role, meaning, at, local: localTime(at, this.timeZone), action };
  }
}
