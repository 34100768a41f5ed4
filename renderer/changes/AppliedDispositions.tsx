import { useState } from 'react';
import { can, type ChangeDispositionView } from '../../core';
import { useClient, useSession } from '../shell/context';
import { formatDateTime } from '../shell/format';
import { useLiveQuery } from '../shell/useLiveQuery';
import { DISPOSITION_WORDS, needsReason, type Disposition } from './dispositions';

const DECISIONS = ['rework', 'accept-with-deviation', 'scrap'] as const;

/** A held unit decided: rework, accept with a deviation (why), or scrap (why; signed as a scrap). */
function Decide({ serial }: { serial: string }) {
  const client = useClient();
  const [disposition, setDisposition] = useState<(typeof DECISIONS)[number]>('rework');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const decide = async () => {
    setError(null);
    const r = await client.call('disposeUnit', { serial, disposition, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    if (!r.ok) setError(r.error.message);
  };
  return (
    <span className="disposition-picker">
      <select aria-label={`Decide ${serial}`} data-testid="held-decision" value={disposition} onChange={(e) => setDisposition(e.target.value as (typeof DECISIONS)[number])}>
        {DECISIONS.map((d) => (
          <option key={d} value={d}>
            {DISPOSITION_WORDS[d]}
          </option>
        ))}
      </select>
      {needsReason(disposition) && <input aria-label={`Why, for ${serial}`} data-testid="held-reason" placeholder="Why (required)" value={reason} onChange={(e) => setReason(e.target.value)} />}
      <button type="button" className="button" data-testid="held-decide" disabled={needsReason(disposition) && !reason.trim()} onClick={() => void decide()}>
        Decide
      </button>
      {error && (
        <span className="message message-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

/** After approval: what applying gave each unit; units held for a decision first, each with its decision. */
export function AppliedDispositions({ change }: { change: string }) {
  const { user } = useSession();
  const list = useLiveQuery('changeDispositions', { number: change }, ['changes', 'wip']);
  const rows = [...(list.data ?? [])].sort((a, b) => Number(b.applied === 'hold') - Number(a.applied === 'hold'));
  const held = rows.filter((r) => r.applied === 'hold').length;
  const mayDecide = can(user.role, 'units.disposition');
  const words = (d: ChangeDispositionView['applied']) => (d ? DISPOSITION_WORDS[d as Disposition] : '–');
  return (
    <section className="panel" aria-labelledby="applied-title" data-testid="change-applied">
      <h2 id="applied-title">Units in work: what the change gave each</h2>
      {list.data && rows.length === 0 && <p className="muted">The change reached no unit in work.</p>}
      {held > 0 && (
        <p className="message message-abnormal" role="status" data-testid="held-count">
          ⚑ {held} unit(s) held until someone decides: no work is recorded on them until then.
        </p>
      )}
      {rows.length > 0 && (
        <div className="table-scroll impact-table">
          <table className="table" data-testid="applied-table">
            <thead>
              <tr>
                <th scope="col">Unit</th>
                <th scope="col">Chosen before approval</th>
                <th scope="col">Applied</th>
                <th scope="col">When</th>
                {mayDecide && <th scope="col">Decide</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.serial} data-testid="applied-unit" data-serial={r.serial} data-applied={r.applied ?? ''}>
                  <td className="mono">{r.serial}</td>
                  <td>
                    {r.chosen ? DISPOSITION_WORDS[r.chosen] : '–'}
                    {r.reason ? ` (${r.reason})` : ''}
                  </td>
                  <td>
                    {r.applied === 'hold' ? '⚑ held: awaiting a decision' : words(r.applied)}
                  </td>
                  <td>{r.appliedAt ? formatDateTime(r.appliedAt) : '–'}</td>
                  {mayDecide && <td>{r.applied === 'hold' ? <Decide serial={r.serial} /> : null}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
