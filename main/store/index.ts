export { openDatabase, type Db, type OpenOptions } from './database';
export { WalSync } from './wal-sync';
export { EventStore, ConcurrencyError, toRecorded, type Tx, type AppendMeta, type EventRow, type Projector } from './event-store';
export { createProjector, dispatchListSnapshot, readModels, rebuildReadModels, type ReadModel, type RebuildProgress } from './projections';
export { migrate, MIGRATIONS, SCHEMA_VERSION, NewerDatabaseError } from './migrations';
export { lockDataDir, DataDirBusyError } from './data-dir-lock';
export { chainedRow, GENESIS, hashEvent, readHead, sha256, type ChainHead, type RawEventRow } from './chain';
export { verifyChain, verifyChainInSlices, walkChain, type ChainReport, type WalkProgress } from './chain-verifier';
export { pruneReplicated, prunedCount, type PruneResult } from './log-retention';
