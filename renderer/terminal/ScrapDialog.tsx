import { useState } from 'react';
import { Modal } from '../shell/Modal';

/** Scrap the unit in operation: the reason is required (it goes into the unit's record). Escape or Back cancels. */
export function ScrapDialog({ serial, onDone }: { serial: string; onDone: (reason: string | null) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    const trimmed = reason.trim();
    if (trimmed === '') {
      setError('Say why the unit is scrapped: a reason is required.');
      return;
    }
    onDone(trimmed);
  };

  return (
    <Modal title={`Scrap unit ${serial}`} testid="terminal-scrap-dialog" onCancel={() => onDone(null)} onSubmit={submit}>
      <label className="field">
        <span>Reason (required, kept in the unit's record)</span>
        <textarea
          data-testid="terminal-scrap-reason"
          autoFocus
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            // Enter confirms, as a scanner or a keyboard ends a line; Shift+Enter starts a new line.
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              submit();
            }
          }}
        />
      </label>
      <div className="message message-error" role="alert" hidden={error === null} data-testid="terminal-scrap-error">
        {error}
      </div>
      <div className="dialog-buttons">
        <button type="submit" className="button button-primary terminal-big" data-testid="terminal-scrap-confirm">
          Scrap unit
        </button>
        <button type="button" className="button terminal-big" data-testid="terminal-scrap-cancel" onClick={() => onDone(null)}>
          Back
        </button>
      </div>
    </Modal>
  );
}
