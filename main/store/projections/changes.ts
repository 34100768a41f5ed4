import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

/**
 * Engineering changes: one row each, with the new revision, its difference from the one it replaces, and its status;
 * and per unit reached, the disposition chosen before approval and what applying gave it.
 */
export function changesReadModel(db: Db): ReadModel {
  const insert = statement(
    db,
    `INSERT INTO changes (number, product, from_revision, to_revision, status, reason, effectivity, definition, diff, submitted_at, submitted_by, updated_at)
     VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const status = statement(db, 'UPDATE changes SET status = ?, updated_at = ? WHERE number = ?');
  const chosen = statement(
    db,
    `INSERT INTO change_dispositions (change, serial, disposition, reason, chosen_by, chosen_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (change, serial) DO UPDATE SET disposition = excluded.disposition, reason = excluded.reason, chosen_by = excluded.chosen_by, chosen_at = excluded.chosen_at`,
  );
  const applied = statement(
    db,
    `INSERT INTO change_dispositions (change, serial, applied, applied_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (change, serial) DO UPDATE SET applied = excluded.applied, applied_at = excluded.applied_at`,
  );
  return {
    name: 'changes',
    tables: ['changes', 'change_dispositions'],
    project(e) {
      switch (e.type) {
        case 'DispositionsChosen':
          for (const c of e.data.choices) chosen(e.data.number, c.serial, c.disposition, c.reason ?? null, e.actor, e.at);
          return;
        case 'UnitRevised':
          return void applied(e.data.change, e.data.serial, e.data.disposition, e.at);
        case 'UnitHeld':
          return void applied(e.data.change, e.data.serial, 'hold', e.at);
        case 'UnitScrapped':
          if (e.data.change !== undefined) applied(e.data.change, e.data.serial, 'scrap', e.at);
          return;
      }
      if (e.type === 'ChangeApproved') return void status('approved', e.at, e.data.number);
      if (e.type === 'ChangeRejected') return void status('rejected', e.at, e.data.number);
      if (e.type === 'ChangeDeferred') return void status('deferred', e.at, e.data.number);
      if (e.type !== 'ChangeSubmitted') return;
      const c = e.data.change;
      insert(c.number, c.definition.product, e.data.replaces, c.definition.revision, c.reason, JSON.stringify(c.effectivity), JSON.stringify(c.definition), JSON.stringify(e.data.diff), e.at, e.actor, e.at);
    },
  };
}
