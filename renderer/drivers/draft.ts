import { ConnectionConfig } from '../../core';

export type ConnectionKind = ConnectionConfig['kind'];

export const KIND_LABEL: Record<ConnectionKind, string> = { opcua: 'OPC UA', sparkplug: 'Sparkplug B (MQTT)', 'mqtt-json': 'MQTT JSON' };

/** The form's fields as the person types them (all text); turned into a ConnectionConfig and checked on Test / Save. */
export interface ConnectionDraft {
  readonly kind: ConnectionKind;
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly endpoint: string;
  readonly securityMode: string;
  readonly securityPolicy: string;
  readonly samplingIntervalMs: string;
  readonly publishingIntervalMs: string;
  readonly brokerUrl: string;
  readonly hostId: string;
  /** Sparkplug groups or MQTT topics, one per line. */
  readonly topics: string;
  readonly userName: string;
  readonly password: string;
  /** The station holds a password for this connection; an empty field keeps it. */
  readonly passwordStored: boolean;
}

export function newDraft(kind: ConnectionKind): ConnectionDraft {
  return {
    kind,
    id: '',
    name: '',
    enabled: true,
    endpoint: 'opc.tcp://',
    securityMode: 'None',
    securityPolicy: 'Basic256Sha256',
    samplingIntervalMs: '100',
    publishingIntervalMs: '100',
    brokerUrl: 'mqtt://',
    hostId: 'mes-station',
    topics: kind === 'sparkplug' ? '+' : '#',
    userName: '',
    password: '',
    passwordStored: false,
  };
}

export function draftOf(c: ConnectionConfig): ConnectionDraft {
  const base = { ...newDraft(c.kind), id: c.id, name: c.name, enabled: c.enabled, userName: c.userName ?? '', passwordStored: Boolean(c.password) };
  if (c.kind === 'opcua') {
    return {
      ...base,
      endpoint: c.endpoint,
      securityMode: c.securityMode,
      securityPolicy: c.securityPolicy,
      samplingIntervalMs: String(c.samplingIntervalMs),
      publishingIntervalMs: String(c.publishingIntervalMs),
    };
  }
  if (c.kind === 'sparkplug') return { ...base, brokerUrl: c.brokerUrl, hostId: c.hostId, topics: c.groups.join('\n') };
  return { ...base, brokerUrl: c.brokerUrl, topics: c.topics.join('\n') };
}

const FIELD_LABEL: Record<string, string> = {
  id: 'Id',
  name: 'Name',
  endpoint: 'Endpoint',
  securityMode: 'Security mode',
  securityPolicy: 'Security policy',
  samplingIntervalMs: 'Sampling interval',
  publishingIntervalMs: 'Publishing interval',
  brokerUrl: 'Broker URL',
  hostId: 'Host id',
  groups: 'Groups',
  topics: 'Topics',
  userName: 'User name',
  password: 'Password',
};

const lines = (text: string) =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** The draft as the contract's ConnectionConfig, or the first problem in words. An empty password keeps the stored one. */
export function toConfig(d: ConnectionDraft): { ok: true; value: ConnectionConfig } | { ok: false; message: string } {
  const common = {
    id: d.id.trim(),
    name: d.name.trim(),
    enabled: d.enabled,
    ...(d.userName.trim() ? { userName: d.userName.trim() } : {}),
    ...(d.password ? { password: d.password } : {}),
  };
  const raw =
    d.kind === 'opcua'
      ? {
          ...common,
          kind: d.kind,
          endpoint: d.endpoint.trim(),
          securityMode: d.securityMode,
          securityPolicy: d.securityPolicy,
          samplingIntervalMs: Number(d.samplingIntervalMs),
          publishingIntervalMs: Number(d.publishingIntervalMs),
        }
      : d.kind === 'sparkplug'
        ? { ...common, kind: d.kind, brokerUrl: d.brokerUrl.trim(), hostId: d.hostId.trim(), groups: lines(d.topics) }
        : { ...common, kind: d.kind, brokerUrl: d.brokerUrl.trim(), topics: lines(d.topics) };
  const parsed = ConnectionConfig.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue ? (FIELD_LABEL[String(issue.path[0])] ?? String(issue.path[0] ?? '')) : '';
  return { ok: false, message: `${field ? `${field}: ` : ''}${issue?.message ?? 'the settings are not valid'}.` };
}
