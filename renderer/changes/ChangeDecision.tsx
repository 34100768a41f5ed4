import { useState } from 'react';
import type { ChangeView } from '../../core';
import { useClient } from '../shell/context';

/**
 * Approve (signed: the dialog asks for the engineer's and a supervisor's signatures), reject or defer a pending change;
 * rejecting or deferring says why and changes nothing else.
 */
export function ChangeDecision({ change }: { change: ChangeView }) {
  const client = useClient();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  if (change.status !== 'pending') return null;
  const decide = async (how: 'approve' | 'reject' | 'defer') => {
    setBusy(true);
    setMessage(null);
    const r =
      how === 'approve'
        ? await client.call('approveChange', { number: change.number })
        : await client.call(how === 'reject' ? 'rejectChange' : 'deferChange', { number: change.number, reason });
    setBusy(false);
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    setMessage({ kind: 'info', text: `Change ${change.number} ${r.value.status}.` });
  };
  return (
    <section className="panel" aria-labelledby="decision-title" data-testid="change-decision">
      <h2 id="decision-title">Decide on {change.number}</h2>
      <label className="field">
        <span>Why (to reject or defer)</span>
        <input data-testid="change-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="dialog-buttons">
        <button type="button" className="button button-primary" data-testid="change-approve" disabled={busy} onClick={() => void decide('approve')}>
          Approve and apply…
        </button>
        <button type="button" className="button" data-testid="change-reject" disabled={busy || !reason.trim()} onClick={() => void decide('reject')}>
          Reject
        </button>
        <button type="button" className="button" data-testid="change-defer" disabled={busy || !reason.trim()} onClick={() => void decide('defer')}>
          Defer
        </button>
      </div>
      {message && (
        <p className={`message message-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="change-decision-message">
          {message.text}
        </p>
      )}
    </section>
  );
}
