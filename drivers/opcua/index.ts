// The OPC UA driver's public face: a Driver (core/tags/driver.ts) over node-opcua's client.
export { createOpcUaDriver, OpcUaDriverError, type OpcUaDriverOptions } from './driver';
export { resolveAddress, type ResolvedAddress } from './address';
export { qualityOf } from './values';
