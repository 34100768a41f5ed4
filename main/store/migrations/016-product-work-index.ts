import type { Migration } from './migration';

/** A change's impact reads the open orders and the units in work of one product revision: indexed, not scanned. */
export const migration016: Migration = {
  version: 16,
  name: 'orders and units by product revision',
  sql: `
    CREATE INDEX orders_product ON orders (product, revision, status);
    CREATE INDEX units_product ON units (product, revision, status);
  `,
};
