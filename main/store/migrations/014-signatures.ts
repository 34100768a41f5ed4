import type { Migration } from './migration';

/**
 * The signatures read model: every electronic signature with the event it signs, for the order history, the as-built
 * record, the performance reports and the audit trail (the events keep them, bound; this finds them fast).
 */
export const migration014: Migration = {
  version: 14,
  name: 'signatures read model',
  sql: `
    CREATE TABLE signatures (
      seq INTEGER NOT NULL, n INTEGER NOT NULL, stream TEXT NOT NULL, type TEXT NOT NULL,
      username TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL, meaning TEXT NOT NULL, at TEXT NOT NULL, local TEXT NOT NULL,
      action TEXT NOT NULL, order_number TEXT, operation INTEGER,
      PRIMARY KEY (seq, n)
    );
    CREATE INDEX signatures_stream ON signatures (stream, seq);
    CREATE INDEX signatures_order ON signatures (order_number, seq) WHERE order_number IS NOT NULL;
    CREATE INDEX signatures_user ON signatures (username, seq);
  `,
};
