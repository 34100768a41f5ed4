import { useEffect, useRef, useState } from 'react';
import type { EventView } from '../../core';
import { SignatureList } from '../audit/SignatureList';
import { useClient } from '../shell/context';
import { formatDateTime } from '../shell/format';

const reasonOf = (data: unknown): string | null => {
  const d = data as { reason?: unknown } | null;
  return d && typeof d.reason === 'string' && d.reason ? d.reason : null;
};

/** An order's history from the record: every event, who and when, why where given, and its signatures (11.50). */
export function OrderHistory({ number, onClose }: { number: string; onClose: () => void }) {
  const client = useClient();
  const ref = useRef<HTMLDialogElement>(null);
  const [events, setEvents] = useState<EventView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  useEffect(() => {
    let alive = true;
    void client.call('listEvents', { stream: `order:${number}`, after: 0, limit: 1000 }).then((r) => {
      if (!alive) return;
      if (r.ok) setEvents(r.value);
      else setError(r.error.message);
    });
    return () => {
      alive = false;
    };
  }, [client, number]);
  return (
    <dialog ref={ref} className="dialog dialog-wide" aria-labelledby="order-history-title" data-testid="order-history" onCancel={onClose}>
      <h2 id="order-history-title">History of order {number}</h2>
      {error && (
        <p className="message message-error" role="alert">
          {error}
        </p>
      )}
      {!events && !error && (
        <p className="muted" role="status">
          Reading the record…
        </p>
      )}
      {events && (
        <ol className="history-list">
          {events.map((e) => (
            <li key={e.seq} data-testid="order-history-event" data-type={e.type}>
              <strong>{e.type}</strong> <span className="muted">{formatDateTime(e.at)} · {e.actor} · event {e.seq}</span>
              {reasonOf(e.data) && <div>Reason: {reasonOf(e.data)}</div>}
              <SignatureList signatures={e.signatures} />
            </li>
          ))}
        </ol>
      )}
      <div className="dialog-buttons">
        <button type="button" className="button" autoFocus data-testid="order-history-close" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
