import { z } from 'zod';
import { accept, refuse, type Decider } from '../shared/decider';
import { ErrorCode } from '../shared/errors';
import { ROLES, type Permission, type Role } from '../users/roles';

// Electronic signatures (21 CFR Part 11): which actions need one, with what meaning, by whom; and a signature as the
// record keeps it, bound to the record it signs.

/** What a signature means (11.50(a)(3)). */
export const MEANINGS = ['performed', 'reviewed', 'approved', 'verified'] as const;
export type Meaning = (typeof MEANINGS)[number];
export const MEANING_LABEL: Record<Meaning, string> = { performed: 'Performed', reviewed: 'Reviewed', approved: 'Approved', verified: 'Verified' };

/** The actions a signature may be asked for. */
export const SIGNABLE_ACTIONS = [
  'order.release',
  'order.cancel',
  'order.resume',
  'unit.scrap',
  'alarm.shelve',
  'user.administer',
  'change.approve',
  'signature.policy',
] as const;
export type SignableAction = (typeof SIGNABLE_ACTIONS)[number];

export const ACTION_LABEL: Record<SignableAction, string> = {
  'order.release': 'Release an order',
  'order.cancel': 'Cancel an order',
  'order.resume': 'Resume an order from hold',
  'unit.scrap': "Scrap a unit (its disposition)",
  'alarm.shelve': 'Shelve an alarm',
  'user.administer': 'Administer users and the account policy',
  'change.approve': 'Approve an engineering change',
  'signature.policy': 'Change which actions need a signature',
};

/** Who may do each action at all: checked before anyone is asked to sign. */
export const ACTION_PERMISSION: Record<SignableAction, Permission> = {
  'order.release': 'orders.release',
  'order.cancel': 'orders.cancel',
  'order.resume': 'orders.resume',
  'unit.scrap': 'terminal.record',
  'alarm.shelve': 'alarms.shelve',
  'user.administer': 'users.manage',
  'change.approve': 'master.define',
  'signature.policy': 'signatures.configure',
};

export const SignatureRule = z.object({
  required: z.boolean(),
  /** The meaning of the signature of whoever does it. */
  meaning: z.enum(MEANINGS),
  /** Two-person: a second, different user of one of these roles signs too, with this meaning. */
  second: z.object({ meaning: z.enum(MEANINGS), roles: z.array(z.enum(ROLES)).min(1, 'Name at least one role that may give the second signature.') }).nullable(),
});
export type SignatureRule = z.infer<typeof SignatureRule>;

export const SignaturePolicy = z.object(
  Object.fromEntries(SIGNABLE_ACTIONS.map((a) => [a, SignatureRule])) as Record<SignableAction, typeof SignatureRule>,
);
export type SignaturePolicy = z.infer<typeof SignaturePolicy>;

const one = (meaning: Meaning): SignatureRule => ({ required: true, meaning, second: null });

/**
 * Defaults: releasing, cancelling and resuming orders, shelving alarms and administering users are signed by whoever does
 * them (approved); a unit's scrap is performed by the operator and approved by a shift lead, supervisor or quality
 * engineer; an engineering change is approved by an engineer and a supervisor; changing this policy is always signed.
 */
export const DEFAULT_SIGNATURE_POLICY: SignaturePolicy = {
  'order.release': one('approved'),
  'order.cancel': one('approved'),
  'order.resume': one('approved'),
  'unit.scrap': { required: true, meaning: 'performed', second: { meaning: 'approved', roles: ['shift_lead', 'supervisor', 'quality'] } },
  'alarm.shelve': one('approved'),
  'user.administer': one('approved'),
  // Two-person: the engineer who approves it and a supervisor (the line's side).
  'change.approve': { required: true, meaning: 'approved', second: { meaning: 'approved', roles: ['supervisor'] } },
  'signature.policy': one('approved'),
};

/** A signature as the record keeps it with each event it signs (11.50: printed name, date and time, meaning). */
export interface Signature {
  readonly username: string;
  /** The signer's printed name. */
  readonly name: string;
  readonly role: Role;
  readonly meaning: Meaning;
  /** When it was signed, UTC (ISO 8601). */
  readonly at: string;
  /** The same moment in the station's local time, with its zone, as the signer saw it. */
  readonly local: string;
  /** The action it was given for. */
  readonly action: SignableAction;
}

/** Bound (11.70): the hash of the record it signs, so that it cannot be copied to another record or survive an edit. */
export interface BoundSignature extends Signature {
  readonly record: string;
}

/** "Approved by Ada Lovelace (supervisor) 2026-12-06 14:03:12 UTC (15:03:12 CET)": the manifestation everywhere it is shown. */
export function manifestation(s: Signature): string {
  const utc = `${s.at.slice(0, 10)} ${s.at.slice(11, 19)} UTC`;
  return `${MEANING_LABEL[s.meaning]} by ${s.name} (${s.username}, ${s.role.replace('_', ' ')}) ${utc} (${s.local})`;
}

/** A signature as it is shown (11.50): who, role, meaning, UTC and local time, and its manifestation in one line. */
export function shownSignature(s: Signature): Signature & { readonly manifestation: string } {
  return { username: s.username, name: s.name, role: s.role, meaning: s.meaning, at: s.at, local: s.local, action: s.action, manifestation: manifestation(s) };
}

export type SignaturePolicyEvent = {
  readonly type: 'SignaturePolicyChanged';
  readonly data: { readonly before: SignaturePolicy; readonly after: SignaturePolicy };
};
export type SignaturePolicyCommand = { readonly type: 'SetSignaturePolicy'; readonly policy: SignaturePolicy };

export const SIGNATURE_POLICY_STREAM = 'policy:signatures';

/** The station's signature policy: one; the defaults until an administrator changes it, signed; each change records before and after. */
export const signaturePolicyDecider: Decider<SignaturePolicy, SignaturePolicyCommand, SignaturePolicyEvent> = {
  initialState: () => DEFAULT_SIGNATURE_POLICY,
  decide(c, state) {
    const parsed = SignaturePolicy.safeParse(c.policy);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return refuse(ErrorCode.validation, `${issue?.message ?? 'The signature policy is not valid.'} (${issue?.path.join('.') ?? 'policy'})`);
    }
    const after = parsed.data;
    if (!after['signature.policy'].required) {
      return refuse(ErrorCode.validation, 'A change of which actions need a signature is always signed: signature.policy cannot be turned off.');
    }
    if (JSON.stringify(after) === JSON.stringify(state)) return accept();
    return accept({ type: 'SignaturePolicyChanged', data: { before: state, after } });
  },
  evolve: (state, e) => (e.type === 'SignaturePolicyChanged' ? e.data.after : state),
};
