export { batchRefusal, shipBatch, type ShippedRow, type ShipResult } from './plant-log';
export { Replicator, type ReplicationStatus } from './replicator';
export { inTransaction } from './pg-transaction';
export { Pause } from './pause';
