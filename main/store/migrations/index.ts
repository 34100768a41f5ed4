import type BetterSqlite3 from 'better-sqlite3';
import { migration001 } from './001-event-log';
import { migration002 } from './002-projections';
import { migration003 } from './003-credentials';
import { migration004 } from './004-materials';
import { migration005 } from './005-connectivity';
import { migration006 } from './006-open-state-index';
import { migration007 } from './007-as-built';
import { migration008 } from './008-genealogy';
import { migration009 } from './009-lots-and-attempts';
import { migration010 } from './010-correlation';
import { migration011 } from './011-lines';
import { migration012 } from './012-accounts';
import { migration013 } from './013-hash-chain';
import { migration014 } from './014-signatures';
import { migration015 } from './015-changes';
import { migration016 } from './016-product-work-index';
import { migration017 } from './017-changes-in-work';
import { migration018 } from './018-configurations';
import { migration019 } from './019-expected-receipts';
import { migration020 } from './020-replication-cursor';
import { migration021 } from './021-pruned-events';
import { migration022 } from './022-oee';
import { migration023 } from './023-spc';
import { migration024 } from './024-pruned-streams';
import type { Migration } from './migration';

export type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012, migration013, migration014, migration015, migration016, migration017, migration018, migration019, migration020, migration021, migration022, migration023, migration024];
export const SCHEMA_VERSION = MIGRATIONS.length;

export class NewerDatabaseError extends Error {
  readonly code = 'database_newer';
}

/** Applies pending migrations, each in its own transaction with its user_version. */
export function migrate(db: BetterSqlite3.Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length;
  if (from > latest) {
    throw new NewerDatabaseError(
      `This database was written by a newer version of the station (schema ${from}; this version knows up to ${latest}). ` +
        'Install the newer version, or open a backup made by this one.',
    );
  }
  for (const m of migrations.slice(from)) {
    if (m.version !== migrations.indexOf(m) + 1) throw new Error(`migration ${m.name} is numbered ${m.version} out of order`);
    db.transaction(() => {
      db.exec(m.sql);
      m.run?.(db, from);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: latest };
}
