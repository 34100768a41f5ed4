import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

/** Engineering changes: one row each, with the new revision, its difference from the one it replaces, and its status. */
export function changesReadModel(db: Db): ReadModel {
  const insert = statement(
    db,
    `INSERT INTO changes (number, product, from_revision, to_revision, status, reason, effectivity, definition, diff, submitted_at, submitted_by, updated_at)
     VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const status = statement(db, 'UPDATE changes SET status = ?, updated_at = ? WHERE number = ?');
  return {
    name: 'changes',
    tables: ['changes'],
    project(e) {
      if (e.type === 'ChangeApproved') return void status('approved', e.at, e.data.number);
      if (e.type === 'ChangeRejected') return void status('rejected', e.at, e.data.number);
      if (e.type === 'ChangeDeferred') return void status('deferred', e.at, e.data.number);
      if (e.type !== 'ChangeSubmitted') return;
      const c = e.data.change;
      insert(c.number, c.definition.product, e.data.replaces, c.definition.revision, c.reason, JSON.stringify(c.effectivity), JSON.stringify(c.definition), JSON.stringify(e.data.diff), e.at, e.actor, e.at);
    },
  };
}
