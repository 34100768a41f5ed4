export { openDatabase, type Db, type OpenOptions } from './database';
export { EventStore, ConcurrencyError, type Tx, type AppendMeta, type Projector } from './event-store';
export { createProjector, dispatchListSnapshot } from './projections';
export { migrate, MIGRATIONS, SCHEMA_VERSION, NewerDatabaseError } from './migrations';
