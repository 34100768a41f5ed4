import { z } from 'zod';
import { AlarmDefinition, TagRef } from '../../alarms/model';
import { ConnectionConfig, HistorianConfig, LineMapping } from '../../config/model';
import { none, op } from '../operation';

// Connectivity (engineers): connections, tag browsing, live values, certificates, and the configuration sections
// that map the line onto tags, define alarms and choose what is historized.

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

export const connectivityApi = {
  getConfig: op({ method: 'GET', path: '/config', summary: 'The connection configuration (passwords blanked)', input: none, output: ConfigView, permission: 'view' }),
  listConnections: op({ method: 'GET', path: '/connections', summary: 'Connections with health and counters', input: none, output: z.array(ConnectionView), permission: 'view' }),
  saveConnection: op({ method: 'POST', path: '/connections', summary: 'Add or change a connection (applied live)', input: ConnectionConfig, output: ConnectionView, permission: 'drivers.configure' }),
  removeConnection: op({ method: 'POST', path: '/connections/{id}/remove', summary: 'Remove a connection', input: z.object({ id: z.string().min(1) }), output: z.object({ removed: z.boolean() }), permission: 'drivers.configure' }),
  testConnection: op({
    method: 'POST',
    path: '/connections/test',
    summary: 'Try a connection without saving it',
    input: ConnectionConfig,
    output: z.object({ ok: z.boolean(), message: z.string(), milliseconds: z.number() }),
    permission: 'drivers.configure',
  }),
  browse: op({
    method: 'GET',
    path: '/connections/{id}/browse',
    summary: 'Browse a connection\'s address space',
    input: z.object({ id: z.string().min(1), address: z.string().optional() }),
    output: z.array(BrowseNodeView),
    permission: 'view',
  }),
  readTags: op({
    method: 'POST',
    path: '/tags/read',
    summary: 'Current values with quality and source time',
    input: z.object({ tags: z.array(TagRef).min(1).max(500) }),
    output: z.array(TagValueView),
    permission: 'view',
  }),
  listCertificates: op({
    method: 'GET',
    path: '/connections/{id}/certificates',
    summary: 'Trusted and rejected server certificates of an OPC UA connection',
    input: z.object({ id: z.string().min(1) }),
    output: z.array(CertificateView),
    permission: 'view',
  }),
  certificateAction: op({
    method: 'POST',
    path: '/connections/{id}/certificates/{thumbprint}/{action}',
    summary: 'Trust, reject or remove a server certificate',
    input: z.object({ id: z.string().min(1), thumbprint: z.string().min(8), action: z.enum(['trust', 'reject', 'remove']) }),
    output: z.array(CertificateView),
    permission: 'drivers.configure',
  }),
  saveMapping: op({ method: 'POST', path: '/config/mapping', summary: 'Map work center signals to tags', input: LineMapping, output: ConfigView, permission: 'drivers.configure' }),
  saveAlarmDefinitions: op({ method: 'POST', path: '/config/alarms', summary: 'Replace the alarm definitions', input: z.object({ alarms: z.array(AlarmDefinition) }), output: ConfigView, permission: 'drivers.configure' }),
  saveHistorian: op({ method: 'POST', path: '/config/historian', summary: 'Historized tags and retention', input: HistorianConfig, output: ConfigView, permission: 'drivers.configure' }),
} as const;
