import { useEffect, useRef, useState, type FormEvent } from 'react';

export interface ReasonRequest {
  readonly title: string;
  readonly confirm: string;
}

/** A modal that asks why (hold, cancel). Enter confirms, Escape closes; focus starts in the reason field. */
export function ReasonDialog({ request, onDone }: { request: ReasonRequest; onDone: (reason: string | null) => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    if (trimmed === '') {
      setError('Say why: a reason is required.');
      return;
    }
    onDone(trimmed);
  };

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby="reason-title" data-testid="reason-dialog" onCancel={() => onDone(null)}>
      <form onSubmit={submit} noValidate>
        <h2 id="reason-title">{request.title}</h2>
        <label className="field">
          <span>Reason (required, kept in the record)</span>
          <textarea
            data-testid="reason-input"
            autoFocus
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={(e) => {
              // Enter confirms as in every other form; Shift+Enter starts a new line.
              if (e.key === 'Enter' && !e.shiftKey) submit(e);
            }}
          />
        </label>
        <div className="message message-error" role="alert" hidden={error === null} data-testid="reason-error">
          {error}
        </div>
        <div className="dialog-buttons">
          <button type="submit" className="button button-primary" data-testid="reason-submit">
            {request.confirm}
          </button>
          <button type="button" className="button" data-testid="reason-cancel" onClick={() => onDone(null)}>
            Back
          </button>
        </div>
      </form>
    </dialog>
  );
}
