// The OPC UA driver's public face: a Driver (core/tags/driver.ts) over node-opcua's client.
export { createOpcUaDriver, type OpcUaDriverOptions } from './driver';
export { OpcUaDriverError, type OpcUaErrorCode } from './errors';
export type { SecurityModeName, SecurityPolicyName } from './security';
export {
  listServerCertificates,
  trustServerCertificate,
  rejectServerCertificate,
  removeServerCertificate,
  type ServerCertificate,
  type ServerCertificates,
} from './certificates';
export { resolveAddress, toAddress, type ResolvedAddress } from './address';
export { qualityOf } from './values';
