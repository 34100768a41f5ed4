import { useState, type FormEvent } from 'react';
import { can, type AppError, type PlantOverview, type Role } from '../../core';
import { formatDateTime } from '../shell/format';
import type { PlantClient } from './plant-client';

/**
 * Every line as the plant has it: a bar per station, what it shipped and how much of it the plant has projected
 * (the lines' record at the plant is as fresh as the shorter bar), when it last shipped, and a log the plant stopped,
 * where an engineer records the decision that lets it go on.
 */
export function PlantLines({
  client,
  role,
  overview,
  error,
  reload,
}: {
  client: PlantClient;
  role: Role;
  overview: PlantOverview | null;
  error: AppError | null;
  reload: () => void;
}) {
  if (!overview) return error ? <p className="message message-error" role="alert">{error.message}</p> : <p className="muted" role="status">Loading the lines…</p>;
  if (overview.database === 'down') return <p className="message message-error" role="alert" data-testid="plant-db-down">The plant's PostgreSQL does not answer: the lines keep working and ship when it is back.</p>;
  const most = Math.max(1, ...overview.stations.map((s) => s.received));
  return (
    <section className="panel plant-lines" aria-labelledby="plant-lines-title">
      {/* A failed reading keeps the last one on screen (and what an engineer is typing), marked as such. */}
      {error && (
        <p className="message message-error" role="alert">
          The plant server does not answer ({error.message}); the lines as last read:
        </p>
      )}
      <div className="panel-head">
        <h2 id="plant-lines-title">Lines</h2>
        <span className="totals">
          <strong>{overview.stations.length}</strong> stations · <strong>{overview.stations.reduce((n, s) => n + s.received, 0).toLocaleString('en')}</strong> events at the plant
        </span>
      </div>
      {overview.stations.length === 0 && <p className="empty">No station has shipped to this plant yet. Register one: mes plant add-station.</p>}
      <ul className="plant-bars">
        {overview.stations.map((s) => {
          const behind = s.received - s.published;
          return (
            <li key={s.id} className={`plant-bar-row${s.stopped ? ' plant-stopped' : ''}`} data-testid={`plant-line-${s.id}`} data-received={s.received} data-published={s.published}>
              <span className="plant-bar-name">{s.id}</span>
              <svg className="plant-bar" viewBox="0 0 1000 24" preserveAspectRatio="none" role="img" aria-label={`${s.id}: ${s.received} events shipped, ${s.published} projected`}>
                <rect className="plant-bar-received" x="0" y="2" width={(1000 * s.received) / most} height="20" />
                <rect className="plant-bar-published" x="0" y="6" width={(1000 * s.published) / most} height="12" />
              </svg>
              <span className="plant-bar-text">
                {s.received.toLocaleString('en')} events{behind > 0 ? ` · ${behind.toLocaleString('en')} to project` : ' · up to date'}
                <span className="muted"> · last shipped {s.lastReceived ? formatDateTime(s.lastReceived) : 'never'}</span>
              </span>
              {s.stopped && (
                <div className="plant-bar-stop">
                  <span className="message message-error" role="alert">
                    Stopped: {s.stopped}
                  </span>
                  {can(role, 'replication.decide') && <ResumeForm client={client} station={s.id} onDecided={reload} />}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {overview.refused.length > 0 && (
        <>
          <h3>Refused batches</h3>
          <table className="table" data-testid="plant-refused">
            <thead>
              <tr>
                <th>Station</th>
                <th>Events</th>
                <th>Why</th>
                <th>Received</th>
              </tr>
            </thead>
            <tbody>
              {overview.refused.map((r) => (
                <tr key={`${r.station}-${r.firstSeq}-${r.receivedAt}`}>
                  <td>{r.station}</td>
                  <td className="mono">{r.firstSeq}…{r.lastSeq}</td>
                  <td>{r.reason}</td>
                  <td>{formatDateTime(r.receivedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** An engineer's decision on a stopped log: why it may go on (recorded with who and when on its refusals). */
function ResumeForm({ client, station, onDecided }: { client: PlantClient; station: string; onDecided: () => void }) {
  const [decision, setDecision] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await client.call('plantLineResume', { station, decision });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setDecision('');
    onDecided();
  };
  return (
    <form className="plant-form plant-resume" onSubmit={(e) => void submit(e)} data-testid={`plant-resume-${station}`}>
      <label className="field plant-resume-decision">
        <span>Decision (why the log may go on from where the plant stands)</span>
        <input data-testid="plant-resume-decision" value={decision} onChange={(e) => setDecision(e.target.value)} maxLength={2000} />
      </label>
      <button type="submit" className="button" data-testid="plant-resume-submit" disabled={busy || decision.trim() === ''}>
        Record the decision
      </button>
      {error && (
        <span className="message message-error" role="alert" data-testid="plant-resume-error">
          {error.message}
        </span>
      )}
    </form>
  );
}
