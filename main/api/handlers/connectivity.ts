import {
  ok,
  type BrowseNodeView,
  type CertificateView,
  type CommandContext,
  type ConfigView,
  type ConnectionConfig,
  type ConnectionView,
  type Result,
  type TagRef,
  type TagValueView,
  type connectivityApi,
} from '../../../core';
import type { Handlers } from './handler';

/** What connectivity's operations need of the station: configuration, connections, tags, certificates. */
export interface ConnectivityPorts {
  readonly connectivity: {
    config(): ConfigView;
    connections(): ConnectionView[];
    saveConnection(c: ConnectionConfig, ctx: CommandContext): Promise<Result<ConnectionView>>;
    removeConnection(id: string, ctx: CommandContext): Result<{ removed: boolean }>;
    testConnection(c: ConnectionConfig): Promise<{ ok: boolean; message: string; milliseconds: number }>;
    browse(id: string, address: string | null): Promise<Result<BrowseNodeView[]>>;
    readTags(tags: readonly TagRef[]): Promise<TagValueView[]>;
    certificates(id: string): Promise<Result<CertificateView[]>>;
    certificateAction(id: string, thumbprint: string, action: 'trust' | 'reject' | 'remove', ctx: CommandContext): Promise<Result<CertificateView[]>>;
    saveSection(section: 'mapping' | 'alarms' | 'historian', value: unknown, ctx: CommandContext): Result<ConfigView>;
  };
}

export function connectivityHandlers(s: ConnectivityPorts): Handlers<typeof connectivityApi> {
  const c = s.connectivity;
  return {
    getConfig: () => ok(c.config()),
    listConnections: () => ok(c.connections()),
    saveConnection: (input, caller) => c.saveConnection(input, caller.context),
    removeConnection: (input, caller) => c.removeConnection(input.id, caller.context),
    testConnection: async (input) => ok(await c.testConnection(input)),
    browse: (input) => c.browse(input.id, input.address ?? null),
    readTags: async (input) => ok(await c.readTags(input.tags)),
    listCertificates: (input) => c.certificates(input.id),
    certificateAction: (input, caller) => c.certificateAction(input.id, input.thumbprint, input.action, caller.context),
    saveMapping: (input, caller) => c.saveSection('mapping', input, caller.context),
    saveAlarmDefinitions: (input, caller) => c.saveSection('alarms', input.alarms, caller.context),
    saveHistorian: (input, caller) => c.saveSection('historian', input, caller.context),
  };
}
