import { useState, type FormEvent } from 'react';
import type { Session } from '../../core';
import { useClient } from '../shell/context';

/**
 * Choose a new password: the current one (unless the sign-in just gave it), the new one twice. The station checks
 * its policy (length, not a recent one) and says why it refuses; the form only checks that both entries agree.
 */
export function ChangePasswordForm({
  knownCurrent,
  submitLabel,
  onChanged,
  onCancel,
  cancelLabel = 'Cancel',
}: {
  /** The password just signed in with (a temporary one): not asked again. */
  knownCurrent?: string;
  submitLabel: string;
  onChanged: (session: Session) => void;
  onCancel?: () => void;
  cancelLabel?: string;
}) {
  const client = useClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (next === '') return setError('Enter the new password.');
    if (next !== repeat) return setError('The two new passwords differ: type the same one twice.');
    setBusy(true);
    setError(null);
    const result = await client.call('changePassword', { currentPassword: knownCurrent ?? current, newPassword: next });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    onChanged(result.value);
  };

  return (
    <form className="password-form" onSubmit={submit} noValidate data-testid="password-form">
      {knownCurrent === undefined && (
        <label className="field">
          <span>Current password</span>
          <input
            data-testid="password-current"
            type="password"
            autoComplete="current-password"
            autoFocus
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
      )}
      <label className="field">
        <span>New password (a few words make a long one that is easy to type)</span>
        <input
          data-testid="password-new"
          type="password"
          autoComplete="new-password"
          autoFocus={knownCurrent !== undefined}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          aria-invalid={error !== null}
        />
      </label>
      <label className="field">
        <span>New password again</span>
        <input data-testid="password-repeat" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} aria-invalid={error !== null} />
      </label>
      <div className="message message-error" role="alert" data-testid="password-error" hidden={error === null}>
        {error}
      </div>
      <div className="dialog-buttons">
        <button type="submit" className="button button-primary" data-testid="password-submit" disabled={busy}>
          {busy ? 'Changing…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" data-testid="password-cancel" onClick={onCancel}>
            {cancelLabel}
          </button>
        )}
      </div>
    </form>
  );
}
