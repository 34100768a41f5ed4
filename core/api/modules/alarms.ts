import { z } from 'zod';
import { ALARM_PRIORITIES } from '../../alarms/model';
import { op } from '../operation';
import { isoDateTime } from '../schemas';

// Alarms (ISA-18.2): what is active or unacknowledged, flood state, acknowledge and shelve.

export const AlarmView = z.object({
  id: z.string(),
  priority: z.enum(ALARM_PRIORITIES),
  message: z.string(),
  workCenter: z.string().nullable(),
  active: z.boolean(),
  acknowledged: z.boolean(),
  shelvedUntil: isoDateTime.nullable(),
  shelveReason: z.string().nullable(),
  lastValue: z.unknown(),
  raisedAt: isoDateTime.nullable(),
  changedAt: isoDateTime,
});
export type AlarmView = z.infer<typeof AlarmView>;

export const AlarmSummary = z.object({
  alarms: z.array(AlarmView),
  /** More alarms than an operator can handle in the window (ISA-18.2: > 10 in 10 minutes). */
  flood: z.object({ active: z.boolean(), raisedInWindow: z.number().int(), windowMinutes: z.number() }),
  definitions: z.number().int(),
});
export type AlarmSummary = z.infer<typeof AlarmSummary>;

export const AlarmActionRequest = z.object({
  id: z.string().min(1),
  action: z.enum(['acknowledge', 'shelve', 'unshelve']),
  comment: z.string().max(500).optional(),
  until: isoDateTime.optional(),
  reason: z.string().max(500).optional(),
});
export type AlarmActionRequest = z.infer<typeof AlarmActionRequest>;

export const alarmsApi = {
  listAlarms: op({
    method: 'GET',
    path: '/alarms',
    summary: 'Alarms (active, unacknowledged or shelved), with flood state',
    input: z.object({ scope: z.enum(['current', 'all']).default('current') }),
    output: AlarmSummary,
    permission: 'view',
  }),
  /** The permission here only admits a signed-in user: acknowledging and shelving are checked by the handler. */
  alarmAction: op({
    method: 'POST',
    path: '/alarms/{id}/{action}',
    summary: 'Acknowledge, shelve or unshelve an alarm',
    input: AlarmActionRequest,
    output: AlarmView,
    permission: 'view',
    signature: (i) => (i.action === 'shelve' ? 'alarm.shelve' : null),
  }),
} as const;
