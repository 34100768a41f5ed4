import type { AppError } from '../../core';

export type OpcUaErrorCode =
  | 'opcua_not_connected'
  | 'opcua_bad_address'
  | 'opcua_type_mismatch'
  | 'opcua_write_refused'
  | 'opcua_readback_mismatch'
  | 'opcua_disposed'
  /** The server's certificate is not in the client's trusted list; it has been put in the rejected list. */
  | 'opcua_untrusted_certificate'
  /** The server refused the user name and password (or anonymous login). */
  | 'opcua_bad_credentials'
  /** Any other refusal that retrying will not cure: no endpoint with the asked security, our certificate refused, … */
  | 'opcua_connect_failed';

/** Errors the driver rejects with, identified by code (STYLE.md §5). */
export class OpcUaDriverError extends Error implements AppError {
  constructor(
    readonly code: OpcUaErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'OpcUaDriverError';
  }
}
