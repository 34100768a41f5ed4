import { useEffect, useRef, useState, type FormEvent } from 'react';

export interface ReasonRequest {
  readonly title: string;
  readonly confirm: string;
  /** Resume keeps a reason if one is given; hold and cancel need one. */
  readonly optional?: boolean;
  /** Split: how many units go to the new order (1…max). */
  readonly quantity?: { readonly label: string; readonly max: number };
}

export interface ReasonAnswer {
  readonly reason: string;
  readonly quantity?: number;
}

/** A modal that asks why (hold, cancel, resume) and how many (split). Enter confirms, Escape closes. */
export function ReasonDialog({ request, onDone }: { request: ReasonRequest; onDone: (answer: ReasonAnswer | null) => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [quantity, setQuantity] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    if (request.quantity) {
      const n = Number(quantity);
      if (!Number.isInteger(n) || n < 1 || n > request.quantity.max) {
        setError(`Enter a whole number from 1 to ${request.quantity.max}.`);
        return;
      }
      onDone({ reason: trimmed, quantity: n });
      return;
    }
    if (trimmed === '' && !request.optional) {
      setError('Say why: a reason is required.');
      return;
    }
    onDone({ reason: trimmed });
  };

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby="reason-title" data-testid="reason-dialog" onCancel={() => onDone(null)}>
      <form onSubmit={submit} noValidate>
        <h2 id="reason-title">{request.title}</h2>
        {request.quantity && (
          <label className="field">
            <span>{request.quantity.label}</span>
            <input
              data-testid="reason-quantity"
              type="number"
              inputMode="numeric"
              min={1}
              max={request.quantity.max}
              autoFocus
              value={quantity}
              onChange={(e) => setQuantity(e.target.value)}
            />
          </label>
        )}
        {!request.quantity && (
        <label className="field">
          <span>{request.optional ? 'Reason (optional, kept in the record)' : 'Reason (required, kept in the record)'}</span>
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
        )}
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
