import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

/** The account policy an administrator last set (none: the defaults). */
export function accountPolicyReadModel(db: Db): ReadModel {
  const upsert = statement(
    db,
    `INSERT INTO account_policy (id, policy, changed_at, changed_by) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET policy = excluded.policy, changed_at = excluded.changed_at, changed_by = excluded.changed_by`,
  );
  return {
    name: 'account-policy',
    tables: ['account_policy'],
    project(e) {
      if (e.type === 'AccountPolicyChanged') upsert(JSON.stringify(e.data.after), e.at, e.actor);
    },
  };
}
