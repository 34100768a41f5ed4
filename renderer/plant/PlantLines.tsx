import { useEffect, useState } from 'react';
import type { AppError, PlantOverview } from '../../core';
import { formatDateTime } from '../shell/format';
import type { PlantClient } from './plant-client';

/**
 * Every line as the plant has it: a bar per station, what it shipped and how much of it the plant has projected
 * (the lines' record at the plant is as fresh as the shorter bar), when it last shipped, and a log the plant stopped.
 */
export function PlantLines({ client }: { client: PlantClient }) {
  const [overview, setOverview] = useState<PlantOverview | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    let live = true;
    const load = async () => {
      const r = await client.call('plantOverview', {});
      if (!live) return;
      if (r.ok) {
        setOverview(r.value);
        setError(null);
      } else setError(r.error);
    };
    void load();
    const every = setInterval(() => void load(), 2_000);
    return () => {
      live = false;
      clearInterval(every);
    };
  }, [client]);

  if (error) return <p className="message message-error" role="alert">{error.message}</p>;
  if (!overview) return <p className="muted" role="status">Loading the lines…</p>;
  if (overview.database === 'down') return <p className="message message-error" role="alert" data-testid="plant-db-down">The plant's PostgreSQL does not answer: the lines keep working and ship when it is back.</p>;
  const most = Math.max(1, ...overview.stations.map((s) => s.received));
  return (
    <section className="panel plant-lines" aria-labelledby="plant-lines-title">
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
              {s.stopped && <span className="message message-error plant-bar-stop" role="alert">Stopped: {s.stopped}</span>}
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
