import type { AppError } from '../../core';

export type SparkplugErrorCode =
  | 'sparkplug_bad_options'
  | 'sparkplug_not_connected'
  | 'sparkplug_connect_refused'
  | 'sparkplug_unknown_tag'
  | 'sparkplug_node_offline'
  | 'sparkplug_type_mismatch'
  | 'sparkplug_write_timeout'
  | 'sparkplug_disposed';

/** Errors the Sparkplug host rejects with, identified by code (STYLE.md §5). */
export class SparkplugError extends Error implements AppError {
  constructor(
    readonly code: SparkplugErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SparkplugError';
  }
}
