import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

/** Every electronic signature with the event it signs, the order it belongs to and the operation where there is one. */
export function signaturesReadModel(db: Db): ReadModel {
  const insert = statement(
    db,
    `INSERT INTO signatures (seq, n, stream, type, username, name, role, meaning, at, local, action, order_number, operation)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const orderOfUnit = db.prepare('SELECT order_number FROM units WHERE serial = ?').pluck();
  return {
    name: 'signatures',
    tables: ['signatures'],
    project(e) {
      if (!e.signatures?.length) return;
      const data = e.data as { operation?: unknown; order?: unknown };
      const order = e.stream.startsWith('order:')
        ? e.stream.slice('order:'.length)
        : e.stream.startsWith('unit:')
          ? ((typeof data.order === 'string' ? data.order : (orderOfUnit.get(e.stream.slice('unit:'.length)) as string | undefined)) ?? null)
          : null;
      const operation = typeof data.operation === 'number' ? data.operation : null;
      e.signatures.forEach((s, n) => insert(e.seq, n, e.stream, e.type, s.username, s.name, s.role, s.meaning, s.at, s.local, s.action, order, operation));
    },
  };
}
