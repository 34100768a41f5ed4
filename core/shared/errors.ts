/**
 * Stable error codes. Clients branch on these, people read the message.
 * The HTTP layer maps each code family to a status (see main/api).
 */
export const ErrorCode = {
  validation: 'validation_failed',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  notFound: 'not_found',
  conflict: 'conflict',
  invalidTransition: 'invalid_transition',
  duplicate: 'duplicate',
  quantityReached: 'quantity_reached',
  orderHeld: 'order_held',
  sequenceLocked: 'sequence_locked',
  unknownState: 'unknown_state',
  routing: 'routing_violation',
  /** A scanned component is not what the BOM asks at this operation (part number or revision). */
  bomMismatch: 'bom_mismatch',
  /** Components of the operation not yet scanned (BOM compliance). */
  bomIncomplete: 'bom_incomplete',
  /** Not enough material on hand for what is asked. */
  materialShort: 'material_short',
  b2mmlInvalid: 'b2mml_invalid',
  /** The station is too busy for this now (a storm of sign-ins): try again in a moment. */
  busy: 'busy',
  /** The request body is larger than the operation takes. */
  tooLarge: 'payload_too_large',
  /** The request body is of a kind the operation does not take (XML where JSON is expected). */
  unsupportedMedia: 'unsupported_media_type',
  /** The account is locked after repeated failed sign-ins, until a time (details.lockedUntil) or an administrator unlocks it. */
  accountLocked: 'account_locked',
  /** The session may only change its password (a temporary one was given): change it first. */
  passwordChangeRequired: 'password_change_required',
  /** The action needs an electronic signature (details: the action, the meaning, a second signer's meaning and roles). */
  signatureRequired: 'signature_required',
  /** A signature did not check out (a wrong password, a user who may not sign this): nothing was done. */
  signatureInvalid: 'signature_invalid',
  internal: 'internal_error',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Validation issues in words, each with where: "line.workCenters.1.id: …; …" (`whole` names an issue of the whole). */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[], whole: string): string {
  return issues.map((i) => `${i.path.map(String).join('.') || whole}: ${i.message}`).join('; ');
}
