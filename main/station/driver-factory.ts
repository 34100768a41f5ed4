import { join } from 'node:path';
import type { ConnectionConfig, Driver } from '../../core';
import { createOpcUaDriver } from '../../drivers/opcua';
import type { DriverFactory } from './connections';

/** The drivers this build has, by connection kind. Certificates live under <dataDir>/pki/<connection id>. */
export function defaultDriverFactory(dataDir: string): DriverFactory {
  return (c: ConnectionConfig): Driver => {
    switch (c.kind) {
      case 'opcua':
        return createOpcUaDriver({ endpoint: c.endpoint, pkiFolder: join(dataDir, 'pki', 'client') });
      case 'sparkplug':
      case 'mqtt-json':
        throw new Error(`${c.kind} connections are not available in this build yet`);
    }
  };
}
