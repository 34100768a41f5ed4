import type { Migration } from './migration';

/** Configurable products: the option values an order names, and the configuration each unit is built to (JSON; null: none). */
export const migration018: Migration = {
  version: 18,
  name: 'configurations of orders and units',
  sql: `
    ALTER TABLE orders ADD COLUMN options TEXT CHECK (options IS NULL OR json_valid(options));
    ALTER TABLE units ADD COLUMN options TEXT CHECK (options IS NULL OR json_valid(options));
  `,
};
