import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

/** Expected receipts: each as ERP last said, with what it first said and how often it slipped. */
export function supplyReadModel(db: Db): ReadModel {
  const insert = statement(
    db,
    `INSERT INTO expected_receipts (id, material, revision, quantity, expected_at, supplier, first_expected_at, first_quantity, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const revise = statement(db, 'UPDATE expected_receipts SET quantity = ?, expected_at = ?, slips = slips + ?, updated_at = ? WHERE id = ?');
  return {
    name: 'expected receipts',
    tables: ['expected_receipts'],
    project(e) {
      if (e.type === 'ReceiptExpected') {
        const d = e.data;
        return void insert(d.id, d.material, d.revision, d.quantity, d.expectedAt, d.supplier, d.expectedAt, d.quantity, e.at);
      }
      if (e.type === 'ReceiptRevised') return void revise(e.data.to.quantity, e.data.to.expectedAt, e.data.slip ? 1 : 0, e.at, e.data.id);
    },
  };
}
