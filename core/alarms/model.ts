import { z } from 'zod';

/** ISA-18.2 priorities, most urgent first. */
export const ALARM_PRIORITIES = ['urgent', 'high', 'medium', 'low'] as const;
export type AlarmPriority = (typeof ALARM_PRIORITIES)[number];

export const TagRef = z.object({
  connection: z.string().min(1),
  address: z.string().min(1),
});
export type TagRef = z.infer<typeof TagRef>;

const base = {
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'alarm id: letters, digits, _ . or -'),
  tag: TagRef,
  priority: z.enum(ALARM_PRIORITIES),
  message: z.string().min(1).max(200),
  workCenter: z.string().optional(),
};

/** Limit alarms on an analog tag (with a deadband against chattering) and discrete alarms on a bit or a value. */
export const AlarmDefinition = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.enum(['high', 'highHigh', 'low', 'lowLow']), limit: z.number(), deadband: z.number().nonnegative().default(0) }),
  z.object({ ...base, kind: z.literal('discrete'), activeWhen: z.union([z.boolean(), z.number(), z.string()]).default(true) }),
]);
export type AlarmDefinition = z.infer<typeof AlarmDefinition>;

/**
 * Is the alarm condition present for this value? `wasActive` applies the deadband: a high alarm returns only
 * once the value is below limit − deadband.
 */
export function conditionActive(def: AlarmDefinition, value: unknown, wasActive: boolean): boolean {
  if (def.kind === 'discrete') return value === def.activeWhen || (typeof def.activeWhen === 'boolean' && def.activeWhen === Boolean(value) && typeof value === 'number');
  if (typeof value !== 'number' || !Number.isFinite(value)) return wasActive;
  const band = wasActive ? def.deadband : 0;
  return def.kind === 'high' || def.kind === 'highHigh' ? value > def.limit - band : value < def.limit + band;
}

/** Flood: more alarms than an operator can handle (ISA-18.2 guidance: more than 10 in 10 minutes). */
export const FLOOD = { count: 10, windowMs: 10 * 60_000 } as const;
