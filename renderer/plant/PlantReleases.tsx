import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { can, PlantReleaseRequest, type AppError, type PlantReleaseView, type Role } from '../../core';
import { formatDateTime } from '../shell/format';
import type { PlantClient } from './plant-client';

const OUTCOME_TEXT: Record<string, string> = { waiting: 'waiting', applied: 'taken', refused: 'refused', pending: 'awaiting approval', approved: 'approved', rejected: 'rejected', deferred: 'deferred' };

/**
 * Down to the lines: what the plant released (master data, engineering changes), newest first, and per line whether
 * its station took it and where the line's approval of a change stands. Engineers release here (a definition or a
 * change as JSON, as the station's API takes it).
 */
export function PlantReleases({ client, role }: { client: PlantClient; role: Role }) {
  const [list, setList] = useState<PlantReleaseView[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [kind, setKind] = useState<'material' | 'product' | 'change'>('change');
  const [text, setText] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = await client.call('plantReleases', {});
    if (r.ok) setList(r.value);
    else setError(r.error);
  }, [client]);
  useEffect(() => {
    void load();
    const every = setInterval(() => void load(), 3_000);
    return () => clearInterval(every);
  }, [load]);

  const release = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return setError({ code: 'validation_failed', message: 'The release is not valid JSON.' });
    }
    const input = PlantReleaseRequest.safeParse(kind === 'change' ? { kind, change: body } : { kind, definition: body });
    if (!input.success) return setError({ code: 'validation_failed', message: `Not a ${kind}: ${input.error.issues[0]?.path.join('.') ?? ''} ${input.error.issues[0]?.message ?? ''}` });
    const r = await client.call('plantRelease', input.data);
    if (!r.ok) return setError(r.error);
    setError(null);
    setText('');
    setDone(`Released ${r.value.subject} to ${r.value.lines.length} lines.`);
    void load();
  };

  return (
    <div className="plant-releases">
      {error && <p className="message message-error" role="alert">{error.message}</p>}
      {done && <p className="message message-info" role="status">{done}</p>}
      {can(role, 'master.define') && (
        <section className="panel" aria-labelledby="release-title">
          <h2 id="release-title">Release to every line</h2>
          <form className="plant-release-form" onSubmit={(e) => void release(e)}>
            <label className="field">
              <span>What</span>
              <select data-testid="plant-release-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
                <option value="change">Engineering change (a new product revision)</option>
                <option value="product">New product</option>
                <option value="material">Material</option>
              </select>
            </label>
            <label className="field">
              <span>Definition (JSON, as the station's API takes it)</span>
              <textarea data-testid="plant-release-body" rows={6} value={text} onChange={(e) => setText(e.target.value)} className="mono" />
            </label>
            <button type="submit" className="button button-primary" data-testid="plant-release-submit" disabled={text.trim() === ''}>
              Release
            </button>
          </form>
        </section>
      )}
      <section className="panel" aria-labelledby="releases-title">
        <h2 id="releases-title">Released</h2>
        {list?.length === 0 && <p className="empty">Nothing released from the plant yet.</p>}
        <table className="table" data-testid="plant-releases">
          <thead>
            <tr>
              <th>#</th>
              <th>What</th>
              <th>Released</th>
              <th>Lines</th>
            </tr>
          </thead>
          <tbody>
            {(list ?? []).map((r) => (
              <tr key={r.seq} data-testid={`plant-release-${r.subject}`}>
                <td>{r.seq}</td>
                <td>
                  {r.kind} <strong>{r.subject}</strong>
                </td>
                <td>
                  {formatDateTime(r.releasedAt)} <span className="muted">by {r.releasedBy}</span>
                </td>
                <td className="plant-release-lines">
                  {r.lines.map((l) => {
                    const state = l.changeStatus ?? l.outcome;
                    return (
                      <span key={l.station} className={`plant-chip plant-chip-${state}`} data-testid={`plant-release-line-${l.station}`} data-state={state} title={l.message ?? undefined}>
                        {l.station}: {OUTCOME_TEXT[state] ?? state}
                      </span>
                    );
                  })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
