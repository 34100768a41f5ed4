// The API contract's public face: operations by module, the schemas they share, the live stream, the client.
export { DEFAULT_BODY_BYTES, type ApiModule, type OperationSpec } from './operation';
export * from './schemas';
export * from './stream';
export * from './modules/session';
export * from './modules/line';
export * from './modules/orders';
export * from './modules/terminal';
export * from './modules/master-data';
export * from './modules/genealogy';
export * from './modules/audit';
export * from './modules/changes';
export * from './modules/supply';
export * from './modules/connectivity';
export * from './modules/alarms';
export * from './modules/history';
export * from './modules/users';
export * from './contract';
export * from './client';
