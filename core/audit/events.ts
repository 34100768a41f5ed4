/** Events about the record itself. */
export type AuditEvent =
  /** A log written before the hash chain was chained as it stood, through event `through`, by the migration from `fromSchema`. */
  { readonly type: 'RecordChained'; readonly data: { readonly through: number; readonly fromSchema: number } };
