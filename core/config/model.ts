import { z } from 'zod';
import { AlarmDefinition, TagRef } from '../alarms/model';
import { PASSWORD_PLACEHOLDER } from './password';
import { UnsConfig } from './uns';

export { PASSWORD_PLACEHOLDER };

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'an id is 1–32 letters, digits, _ or -');

const Timing = {
  samplingIntervalMs: z.number().int().min(0).max(60_000).default(100),
  publishingIntervalMs: z.number().int().min(10).max(60_000).default(100),
};

export const OpcUaConnection = z.object({
  id: Id,
  name: z.string().min(1).max(80),
  kind: z.literal('opcua'),
  enabled: z.boolean().default(true),
  endpoint: z.string().regex(/^opc\.tcp:\/\/[^\s]+$/, 'an OPC UA endpoint looks like opc.tcp://host:4840'),
  securityMode: z.enum(['None', 'Sign', 'SignAndEncrypt']).default('None'),
  securityPolicy: z.enum(['Basic256Sha256', 'Aes128_Sha256_RsaOaep', 'Aes256_Sha256_RsaPss']).default('Basic256Sha256'),
  userName: z.string().max(128).optional(),
  password: z.string().max(256).optional(),
  ...Timing,
});

export const SparkplugConnection = z.object({
  id: Id,
  name: z.string().min(1).max(80),
  kind: z.literal('sparkplug'),
  enabled: z.boolean().default(true),
  brokerUrl: z.string().regex(/^(mqtts?|wss?|tcp):\/\/[^\s]+$/, 'a broker URL looks like mqtt://host:1883'),
  hostId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('mes-station'),
  groups: z.array(z.string().min(1)).default(['+']),
  userName: z.string().max(128).optional(),
  password: z.string().max(256).optional(),
});

export const MqttJsonConnection = z.object({
  id: Id,
  name: z.string().min(1).max(80),
  kind: z.literal('mqtt-json'),
  enabled: z.boolean().default(true),
  brokerUrl: z.string().regex(/^(mqtts?|wss?|tcp):\/\/[^\s]+$/, 'a broker URL looks like mqtt://host:1883'),
  topics: z.array(z.string().min(1)).default(['#']),
  userName: z.string().max(128).optional(),
  password: z.string().max(256).optional(),
});

export const ConnectionConfig = z.discriminatedUnion('kind', [OpcUaConnection, SparkplugConnection, MqttJsonConnection]);
export type ConnectionConfig = z.infer<typeof ConnectionConfig>;

/** The signals the station reads per work center, each mapped to a tag of some connection. */
export const WORK_CENTER_SIGNALS = [
  'state', 'partPresent', 'serial', 'cycleCount', 'goodCount', 'rejectCount', 'lastSerial', 'lastResult', 'lastMeasurement', 'measurementName', 'command',
] as const;
export type WorkCenterSignal = (typeof WORK_CENTER_SIGNALS)[number];

export const WorkCenterMapping = z.object({
  workCenter: Id,
  signals: z.partialRecord(z.enum(WORK_CENTER_SIGNALS), TagRef),
});
export type WorkCenterMapping = z.infer<typeof WorkCenterMapping>;

export const LineMapping = z.object({
  /** Where the station writes the serial of the next unit (the PLC clears it when it takes it). */
  nextSerial: TagRef.nullable(),
  workCenters: z.array(WorkCenterMapping),
});
export type LineMapping = z.infer<typeof LineMapping>;

export const HistorianConfig = z.object({
  tags: z.array(TagRef.extend({ deadband: z.number().nonnegative().default(0) })).default([]),
  retentionDays: z.number().int().min(1).max(3650).default(30),
});
export type HistorianConfig = z.infer<typeof HistorianConfig>;

/** Everything an engineer configures about the connection to the machines. Validated whole, applied live. */
export const StationConfig = z
  .object({
    connections: z.array(ConnectionConfig),
    mapping: LineMapping,
    alarms: z.array(AlarmDefinition).default([]),
    historian: HistorianConfig.default({ tags: [], retentionDays: 30 }),
    /** The plant's Unified Namespace the station publishes to; null: it does not. */
    uns: UnsConfig.nullable().default(null),
  })
  .superRefine((c, ctx) => {
    const ids = new Set<string>();
    c.connections.forEach((conn, i) => {
      if (ids.has(conn.id)) ctx.addIssue({ code: 'custom', path: ['connections', i, 'id'], message: `connection id ${conn.id} is used twice` });
      ids.add(conn.id);
    });
    const check = (ref: TagRef | null | undefined, path: (string | number)[]) => {
      if (ref && !ids.has(ref.connection)) ctx.addIssue({ code: 'custom', path, message: `there is no connection "${ref.connection}"` });
    };
    check(c.mapping.nextSerial, ['mapping', 'nextSerial', 'connection']);
    c.mapping.workCenters.forEach((wc, i) => {
      for (const [signal, ref] of Object.entries(wc.signals)) check(ref, ['mapping', 'workCenters', i, 'signals', signal, 'connection']);
    });
    c.alarms.forEach((a, i) => check(a.tag, ['alarms', i, 'tag', 'connection']));
    const alarmIds = new Set<string>();
    c.alarms.forEach((a, i) => {
      if (alarmIds.has(a.id)) ctx.addIssue({ code: 'custom', path: ['alarms', i, 'id'], message: `alarm id ${a.id} is used twice` });
      alarmIds.add(a.id);
    });
    c.historian.tags.forEach((t, i) => check(t, ['historian', 'tags', i, 'connection']));
  });
export type StationConfig = z.infer<typeof StationConfig>;
export type StationConfigInput = z.input<typeof StationConfig>;

export const tagKey = (ref: TagRef): string => `${ref.connection}|${ref.address}`;

/** The configuration with secrets blanked, for screens and the event log. */
export function redactConnection(c: ConnectionConfig): ConnectionConfig {
  return { ...c, ...(c.password ? { password: PASSWORD_PLACEHOLDER } : {}) };
}

/**
 * Whether two versions of a connection reach the same peer as the same user: only then may a stored password be
 * reused for a form that leaves it blank (a changed endpoint must never receive the old one).
 */
export function sameTarget(a: ConnectionConfig, b: ConnectionConfig): boolean {
  if (a.kind !== b.kind || (a.userName ?? '') !== (b.userName ?? '')) return false;
  const target = (c: ConnectionConfig) => (c.kind === 'opcua' ? c.endpoint : c.brokerUrl);
  return target(a) === target(b);
}


/**
 * A connection as a form sent it. Where the form leaves the password blank (or sends the placeholder back), the stored
 * one is kept, but only for the same peer as the same user (sameTarget); otherwise the connection has none.
 */
export function withKeptPassword(stored: ConnectionConfig | undefined, form: ConnectionConfig): ConnectionConfig {
  if (form.password && form.password !== PASSWORD_PLACEHOLDER) return form;
  const { password: _blank, ...rest } = form;
  return (stored?.password && sameTarget(stored, form) ? { ...rest, password: stored.password } : rest) as ConnectionConfig;
}
