import { join } from 'node:path';
import { ErrorCode, fail, ok, type CertificateView, type ConnectionConfig, type Driver, type Result } from '../../core';
import {
  createOpcUaDriver,
  listServerCertificates,
  rejectServerCertificate,
  removeServerCertificate,
  trustServerCertificate,
  type ServerCertificate,
} from '../../drivers/opcua';
import { createMqttJsonDriver } from '../../drivers/mqtt-json';
import { createSparkplugHost } from '../../drivers/sparkplug';
import type { DriverFactory } from './connections';
import type { Log } from './log';
import type { CertificateStore } from './connectivity';

/** The station's OPC UA client identity and its one trust list, shared by every OPC UA connection. */
export const clientPkiFolder = (dataDir: string): string => join(dataDir, 'pki', 'client');

/** The drivers this build has, by connection kind. */
export function defaultDriverFactory(dataDir: string, log: Log): DriverFactory {
  const logAs = (id: string) => (level: 'debug' | 'info' | 'warn' | 'error', message: string) => {
    if (level === 'warn') log.warn(`${id}: ${message}`);
    else if (level === 'error') log.error(`${id}: ${message}`);
  };
  return (c: ConnectionConfig): Driver => {
    switch (c.kind) {
      case 'opcua':
        return createOpcUaDriver({
          endpoint: c.endpoint,
          pkiFolder: clientPkiFolder(dataDir),
          securityMode: c.securityMode,
          securityPolicy: c.securityPolicy,
          ...(c.userName ? { userName: c.userName, password: c.password ?? '' } : {}),
          samplingIntervalMs: c.samplingIntervalMs,
          publishingIntervalMs: c.publishingIntervalMs,
        });
      case 'sparkplug':
        return createSparkplugHost({
          brokerUrl: c.brokerUrl,
          hostId: c.hostId,
          groups: c.groups,
          ...(c.userName ? { username: c.userName, password: c.password ?? '' } : {}),
          log: logAs(c.id),
        });
      case 'mqtt-json':
        return createMqttJsonDriver({
          brokerUrl: c.brokerUrl,
          topics: c.topics,
          ...(c.userName ? { username: c.userName, password: c.password ?? '' } : {}),
          log: logAs(c.id),
        });
    }
  };
}

/** Trust management on the client's PKI folder: what the engineer sees and decides in the Connections screen. */
export function opcUaCertificateStore(dataDir: string): CertificateStore {
  const folder = clientPkiFolder(dataDir);
  const list = async (): Promise<Result<CertificateView[]>> => {
    const { trusted, rejected } = await listServerCertificates(folder);
    const view = (status: 'trusted' | 'rejected') => (c: ServerCertificate): CertificateView => ({
      thumbprint: c.thumbprint,
      subject: c.subject,
      validFrom: c.validFrom || null,
      validTo: c.validTo || null,
      status,
    });
    return ok([...trusted.map(view('trusted')), ...rejected.map(view('rejected'))]);
  };
  const actions = { trust: trustServerCertificate, reject: rejectServerCertificate, remove: removeServerCertificate };
  return {
    list: () => list(),
    act: async (_connection, thumbprint, action) => {
      const r = await actions[action](folder, thumbprint);
      if (!r.ok) return r.error.code === 'not_found' ? fail(ErrorCode.notFound, r.error.message) : r;
      return list();
    },
  };
}
