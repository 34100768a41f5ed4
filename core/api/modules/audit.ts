import { z } from 'zod';
import { op } from '../operation';
import { isoDateTime } from '../schemas';
import { MEANINGS, SignaturePolicy } from '../../audit/signatures';
import { AUDIT_OBJECTS } from '../../audit/trail';
import { ROLES } from '../../users/roles';

// The event log: the record of who did what, when, under which request; and its integrity (the hash chain).

/** An electronic signature as shown wherever the signed record is (11.50): printed name, date and time, meaning. */
export const SignatureView = z.object({
  username: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  meaning: z.enum(MEANINGS),
  /** UTC. */
  at: isoDateTime,
  /** The station's local time with its zone. */
  local: z.string(),
  action: z.string(),
  /** "Approved by Ada Lovelace (ada, supervisor) 2026-12-06 14:03:12 UTC (2026-12-06 15:03:12 CET)". */
  manifestation: z.string(),
});
export type SignatureView = z.infer<typeof SignatureView>;

export const EventView = z.object({
  seq: z.number().int(),
  stream: z.string(),
  type: z.string(),
  at: isoDateTime,
  actor: z.string(),
  /** The request that caused it: every event of one command shares it (null before correlation ids were kept). */
  correlationId: z.string().nullable(),
  data: z.unknown(),
  /** Electronic signatures over it (none when unsigned). */
  signatures: z.array(SignatureView),
});
export type EventView = z.infer<typeof EventView>;

const hash = z.string().regex(/^[0-9a-f]{64}$/);
const Head = z.object({ seq: z.number().int(), hash });

export const ChainBreakView = z.object({
  /** The first event that does not match (for a deletion: the first one missing). */
  seq: z.number().int(),
  problem: z.enum(['edited', 'deleted', 'inserted', 'reordered', 'rewritten', 'truncated', 'unbound-signature']),
  why: z.string(),
});

/** A walk of the hash chain: intact, or the first event that does not match and why. */
export const ChainReportView = z.object({
  intact: z.boolean(),
  events: z.number().int(),
  /** The head when the walk began: keep it as a checkpoint (with the audit report, on the plant server). */
  head: Head.nullable(),
  firstBreak: ChainBreakView.nullable(),
  checkpoints: z.array(Head.extend({ matches: z.boolean() })),
  /** Events recorded before the chain existed, chained when the station was upgraded. */
  chainedLater: z.object({ through: z.number().int(), at: isoDateTime }).nullable(),
  /** Events whose content left the station under retention (the plant holds it): their places in the chain were walked. */
  pruned: z.number().int(),
  verifiedAt: isoDateTime,
  ms: z.number(),
});
export type ChainReportView = z.infer<typeof ChainReportView>;

/** The record's integrity as the station knows it (the header shows it; it is pushed as it changes). */
export const RecordState = z.object({
  status: z.enum(['unverified', 'verifying', 'intact', 'broken']),
  /** The chain's head now. */
  head: z.object({ seq: z.number().int(), hash: z.string() }),
  /** A walk under way: events walked of all. */
  verifying: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  lastVerified: z
    .object({
      at: isoDateTime,
      events: z.number().int(),
      through: z.number().int(),
      intact: z.boolean(),
      firstBreak: ChainBreakView.nullable(),
      chainedLater: z.object({ through: z.number().int(), at: isoDateTime }).nullable(),
    })
    .nullable(),
});
export type RecordState = z.infer<typeof RecordState>;

/** The trail's filters: by user (who did it or signed it), object, event type, time. */
export const AuditFilter = z.object({
  user: z.string().max(64).optional(),
  objectKind: z.enum(AUDIT_OBJECTS).optional(),
  objectId: z.string().max(120).optional(),
  type: z.string().max(64).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

/** One entry of the audit trail: who, what, when, why, before and after, signatures. */
export const AuditEntry = z.object({
  seq: z.number().int(),
  at: isoDateTime,
  actor: z.string(),
  /** The actor's name as people know it, where the actor is a user. */
  actorName: z.string().nullable(),
  type: z.string(),
  object: z.object({ kind: z.string(), id: z.string() }),
  what: z.string(),
  why: z.string().nullable(),
  change: z.object({ before: z.unknown(), after: z.unknown() }).nullable(),
  correlationId: z.string().nullable(),
  signatures: z.array(SignatureView),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const auditApi = {
  auditTrail: op({
    method: 'GET',
    path: '/audit/trail',
    summary: 'The audit trail: who did what, when and why, with before and after and signatures; filtered, newest first',
    input: AuditFilter.extend({
      /** Entries older than this sequence number (the next page). */
      before: z.coerce.number().int().positive().optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ entries: z.array(AuditEntry), more: z.boolean() }),
    permission: 'view',
  }),
  exportAudit: op({
    method: 'GET',
    path: '/audit/export',
    summary: "An audit report (CSV or PDF) of the filtered trail with the signatures' manifestations, the chain's state and its checkpoint",
    input: AuditFilter.extend({ format: z.enum(['csv', 'pdf']).default('csv') }),
    output: z.object({ fileName: z.string(), contentType: z.string(), base64: z.string(), entries: z.number().int(), checkpoint: z.string() }),
    permission: 'view',
  }),
  listEvents: op({
    method: 'GET',
    path: '/events',
    summary: 'The event log (the record), newest last',
    input: z.object({ after: z.coerce.number().int().nonnegative().default(0), limit: z.coerce.number().int().min(1).max(1000).default(200), stream: z.string().optional() }),
    output: z.array(EventView),
    permission: 'view',
  }),
  recordState: op({
    method: 'GET',
    path: '/audit/record',
    summary: "The record's integrity: the chain's head and the last walk of it",
    input: z.object({}),
    output: RecordState,
    permission: 'view',
  }),
  verifyRecord: op({
    method: 'GET',
    path: '/audit/verify',
    summary: 'Walks the hash chain now and names the first event that does not match, and why; checkpoints (seq:hash, comma-separated) are checked too',
    input: z.object({
      checkpoints: z
        .string()
        .max(64 * 1024)
        .regex(/^(\s*\d+\s*:\s*[0-9a-fA-F]{64}\s*)(,\s*\d+\s*:\s*[0-9a-fA-F]{64}\s*)*$/, 'Checkpoints are seq:hash, the hash as 64 hexadecimal digits, separated by commas.')
        .optional(),
    }),
    output: ChainReportView,
    permission: 'view',
  }),
  getSignaturePolicy: op({
    method: 'GET',
    path: '/audit/signature-policy',
    summary: 'Which actions need an electronic signature, with what meaning, and which are two-person',
    input: z.object({}),
    output: SignaturePolicy,
    permission: 'view',
  }),
  setSignaturePolicy: op({
    method: 'POST',
    path: '/audit/signature-policy',
    summary: 'Change which actions need an electronic signature (itself signed and recorded, before and after)',
    input: SignaturePolicy,
    output: SignaturePolicy,
    permission: 'signatures.configure',
    signature: () => 'signature.policy',
  }),
} as const;
