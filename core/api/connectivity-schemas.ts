import { z } from 'zod';
import { ALARM_PRIORITIES, AlarmDefinition, TagRef } from '../alarms/model';
import { ConnectionConfig, HistorianConfig, LineMapping } from '../config/model';
import { PACKML_COMMANDS } from '../packml/model';
import { PACKML_STATES } from '../packml/states';

const isoDateTime = z.iso.datetime({ offset: true });

export const TagValueView = z.object({
  connection: z.string(),
  address: z.string(),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  quality: z.enum(['good', 'uncertain', 'bad']),
  sourceTime: z.string().nullable(),
});
export type TagValueView = z.infer<typeof TagValueView>;

export const ConnectionView = z.object({
  config: ConnectionConfig,
  health: z.object({ connected: z.boolean(), endpoint: z.string(), message: z.string(), since: z.string() }),
  stats: z.object({ updates: z.number(), rejected: z.number(), lastRejection: z.string().nullable(), reconnects: z.number() }),
});
export type ConnectionView = z.infer<typeof ConnectionView>;

export const BrowseNodeView = z.object({
  address: z.string(),
  name: z.string(),
  kind: z.enum(['folder', 'tag']),
  dataType: z.string().optional(),
  hasChildren: z.boolean(),
});
export type BrowseNodeView = z.infer<typeof BrowseNodeView>;

export const CertificateView = z.object({
  thumbprint: z.string(),
  subject: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  status: z.enum(['trusted', 'rejected']),
});
export type CertificateView = z.infer<typeof CertificateView>;

export const ConfigView = z.object({
  connections: z.array(ConnectionConfig),
  mapping: LineMapping,
  alarms: z.array(AlarmDefinition),
  historian: HistorianConfig,
  file: z.string(),
});
export type ConfigView = z.infer<typeof ConfigView>;

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

export const HistoryRequest = z.object({
  connection: z.string().min(1),
  address: z.string().min(1),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  maxPoints: z.coerce.number().int().min(10).max(100_000).default(5_000),
});

export const HistorySeries = z.object({
  tag: TagRef,
  points: z.array(z.tuple([z.number(), z.number().nullable(), z.enum(['good', 'uncertain', 'bad'])])),
});
export type HistorySeries = z.infer<typeof HistorySeries>;

export const StateInterval = z.object({ state: z.enum(PACKML_STATES), from: isoDateTime, to: isoDateTime.nullable() });
export type StateInterval = z.infer<typeof StateInterval>;

export const WorkCenterCommandRequest = z.object({ workCenter: z.string().min(1), command: z.enum(PACKML_COMMANDS) });
