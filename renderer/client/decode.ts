import { contract, fail, isAppError, ok, type AppError, type OperationName, type OutputOf, type Result } from '../../core';

/**
 * Check a reply against the contract before any screen sees it: a station of another version
 * shows up as one clear message instead of half-drawn screens.
 */
export function decodeOutput<K extends OperationName>(operation: K, value: unknown): Result<OutputOf<K>> {
  const parsed = contract[operation].output.safeParse(value);
  if (parsed.success) return ok(parsed.data as OutputOf<K>);
  const first = parsed.error.issues[0];
  const where = first ? `${first.path.join('.') || 'reply'}: ${first.message}` : 'unknown field';
  return fail('bad_response', `The station sent a reply to "${operation}" this screen does not understand (${where}).`);
}

export function toAppError(value: unknown, fallback: AppError): AppError {
  if (!isAppError(value)) return fallback;
  const details = (value as { details?: unknown }).details;
  const base = { code: value.code, message: value.message };
  return typeof details === 'object' && details !== null ? { ...base, details: details as Record<string, unknown> } : base;
}
