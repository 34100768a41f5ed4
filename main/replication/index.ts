export { batchRefusal, shipBatch, type ShippedRow, type ShipResult } from './plant-log';
export { Replicator, type ReplicationStatus } from './replicator';
