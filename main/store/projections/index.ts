import type { RecordedEvent } from '../../../core';
import type { Db } from '../database';
import { toRecorded, type EventRow, type Projector } from '../event-store';
import { accessReadModel } from './access';
import { accountPolicyReadModel } from './account-policy';
import { alarmsReadModel } from './alarms';
import { asBuiltReadModel } from './as-built';
import { dispatchListReadModel } from './dispatch-list';
import { genealogyReadModel } from './genealogy';
import { linesReadModel } from './lines';
import { masterDataReadModel } from './master-data';
import { ordersReadModel } from './orders';
import type { ReadModel } from './read-model';
import { changesReadModel } from './changes';
import { signaturesReadModel } from './signatures';
import { stockReadModel } from './stock';
import { supplyReadModel } from './supply';
import { unitsReadModel } from './units';
import { usersReadModel } from './users';
import { workCentersReadModel } from './work-centers';
import { downtimeReadModel } from './downtime';
import { oeeReadModel } from './oee';
import { spcReadModel } from './spc';
import { productionSettingsReadModel } from './production-settings';

export { dispatchListSnapshot } from './dispatch-list';
export type { ReadModel } from './read-model';

/**
 * Every read model, in the order each event reaches them: one that reads another's table comes after it (the
 * as-built record reads units; stock reads the as-built record, genealogy, units, orders and products).
 */
export function readModels(db: Db): ReadModel[] {
  return [
    linesReadModel(db),
    masterDataReadModel(db),
    usersReadModel(db),
    accessReadModel(db),
    accountPolicyReadModel(db),
    ordersReadModel(db),
    dispatchListReadModel(db),
    unitsReadModel(db),
    asBuiltReadModel(db),
    genealogyReadModel(db),
    stockReadModel(db),
    workCentersReadModel(db),
    alarmsReadModel(db),
    signaturesReadModel(db),
    changesReadModel(db),
    supplyReadModel(db),
    productionSettingsReadModel(db),
    // Reads the time classes (which states are a stop).
    downtimeReadModel(db),
    // Reads orders and products (ideal cycle times) and the stops (startup rejects).
    oeeReadModel(db),
    spcReadModel(db),
  ];
}

/**
 * Keeps the read models in step with the log. Runs inside the append's transaction, so a read model is never
 * ahead of or behind the events (kill -9 at any point leaves both or neither).
 */
export function createProjector(db: Db): Projector {
  const models = readModels(db);
  return (_db, event: RecordedEvent) => {
    for (const m of models) m.project(event);
  };
}

export interface RebuildProgress {
  readonly done: number;
  readonly total: number;
}

/**
 * Empties every read model and replays the whole log into them, in one transaction: the read models come back as
 * the projectors make them from the record (after a projector was fixed, or to check nothing drifted). The log,
 * credentials, configuration and historian are not read models and are left as they are.
 */
export function rebuildReadModels(db: Db, onProgress: (p: RebuildProgress) => void = () => {}, pageSize = 5_000): { events: number; tables: string[] } {
  const pruned = db.prepare('SELECT count(*) FROM pruned_events').pluck().get() as number;
  if (pruned > 0) {
    throw new Error(
      `${pruned} events of finished units and orders left this station's log under retention (the plant holds them): its read models cannot be made again from what is here. Nothing was changed.`,
    );
  }
  const models = readModels(db);
  const tables = models.flatMap((m) => m.tables);
  const total = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  const page = db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
  // users is referenced by credentials: the rows come back with the same keys, checked before the commit.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const t of tables) db.prepare(`DELETE FROM ${t}`).run();
      // Tables keyed by rowid start again at 1, as on a new database.
      if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get()) {
        for (const t of tables) db.prepare('DELETE FROM sqlite_sequence WHERE name = ?').run(t);
      }
      let after = 0;
      let done = 0;
      for (;;) {
        const rows = page.all(after, pageSize) as EventRow[];
        if (rows.length === 0) break;
        for (const row of rows) {
          const event = toRecorded(row);
          for (const m of models) m.project(event);
        }
        after = rows[rows.length - 1]!.seq;
        done += rows.length;
        onProgress({ done, total });
      }
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`the rebuilt read models break ${broken.length} reference(s) (e.g. ${JSON.stringify(broken[0])}); nothing was changed`);
    })();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return { events: total, tables };
}
