/** One numbered, single-purpose change of the plant's PostgreSQL schema, applied in its own transaction. */
export interface PlantMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
