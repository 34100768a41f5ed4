import { useState } from 'react';
import type { AlarmView } from '../../core';
import { formatTime } from '../shell/format';
import { Modal } from '../shell/Modal';
import { SHELVE_DURATIONS } from './actions';
import { PRIORITY_LABEL } from './model';

const describe = (a: AlarmView) => `${PRIORITY_LABEL[a.priority]} · ${a.workCenter ? `${a.workCenter} · ` : ''}${a.message}`;

/** Acknowledge with an optional comment; Enter confirms, Escape goes back. */
export function AckDialog({ alarm, onDone }: { alarm: AlarmView; onDone: (comment: string | null) => void }) {
  const [comment, setComment] = useState('');
  return (
    <Modal title="Acknowledge alarm" testid="alarm-ack-dialog" onCancel={() => onDone(null)} onSubmit={() => onDone(comment.trim())}>
      <p className="dialog-subject">{describe(alarm)}</p>
      <label className="field">
        <span>Comment (optional, kept in the record)</span>
        <input data-testid="alarm-ack-comment" autoFocus maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <div className="dialog-buttons">
        <button type="submit" className="button button-primary" data-testid="alarm-ack-confirm">
          Acknowledge
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Back
        </button>
      </div>
    </Modal>
  );
}

export interface ShelveRequest {
  readonly reason: string;
  readonly until: string;
}

/** Shelve for a chosen time (12 h at most) with a required reason. */
export function ShelveDialog({ alarm, onDone }: { alarm: AlarmView; onDone: (request: ShelveRequest | null) => void }) {
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState(60);
  const [error, setError] = useState<string | null>(null);
  const until = new Date(Date.now() + minutes * 60_000);
  const submit = () => {
    if (reason.trim() === '') return setError('Say why the alarm is shelved: a reason is required.');
    onDone({ reason: reason.trim(), until: new Date(Date.now() + minutes * 60_000).toISOString() });
  };
  return (
    <Modal title="Shelve alarm" testid="alarm-shelve-dialog" onCancel={() => onDone(null)} onSubmit={submit}>
      <p className="dialog-subject">{describe(alarm)}</p>
      <label className="field">
        <span>Shelve for</span>
        <select data-testid="alarm-shelve-duration" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
          {SHELVE_DURATIONS.map((d) => (
            <option key={d.minutes} value={d.minutes}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <p className="hint">It comes back by itself at {formatTime(until).slice(0, 5)}.</p>
      <label className="field">
        <span>Reason (required, kept in the record)</span>
        <input
          data-testid="alarm-shelve-reason"
          autoFocus
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={error !== null}
        />
      </label>
      <div className="message message-error" role="alert" hidden={error === null}>
        {error}
      </div>
      <div className="dialog-buttons">
        <button type="submit" className="button button-primary" data-testid="alarm-shelve-confirm">
          Shelve
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Back
        </button>
      </div>
    </Modal>
  );
}
