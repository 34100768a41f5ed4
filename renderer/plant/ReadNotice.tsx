import type { AppError } from '../../core';

/** A plant read's last error, and what is being read while its first answer is on its way. */
export function ReadNotice({ error, waiting, reading }: { error: AppError | null; waiting: boolean; reading: string }) {
  return (
    <>
      {error && (
        <p className="message message-error" role="alert">
          {error.message}
        </p>
      )}
      {waiting && (
        <p className="muted" role="status">
          {reading}
        </p>
      )}
    </>
  );
}
