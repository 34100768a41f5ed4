import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

/** Material definitions and product revisions (BOM and routing), as defined. */
export function masterDataReadModel(db: Db): ReadModel {
  const material = statement(db, 'INSERT OR REPLACE INTO materials (id, revision, description, unit_of_measure, defined_at) VALUES (?, ?, ?, ?, ?)');
  const product = statement(db, 'INSERT OR REPLACE INTO products (product, revision, definition, defined_at) VALUES (?, ?, ?, ?)');
  return {
    name: 'master data',
    tables: ['materials', 'products'],
    project(e) {
      if (e.type === 'MaterialDefined') material(e.data.id, e.data.revision, e.data.description, e.data.unitOfMeasure, e.at);
      else if (e.type === 'ProductDefined') product(e.data.product, e.data.revision, JSON.stringify(e.data), e.at);
    },
  };
}
