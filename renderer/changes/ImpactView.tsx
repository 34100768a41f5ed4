import { useMemo, useState } from 'react';
import { can, type ImpactView as Impact } from '../../core';
import { useClient, useSession } from '../shell/context';
import { formatDateTime } from '../shell/format';
import { useLiveQuery } from '../shell/useLiveQuery';
import { DispositionPicker, type Edit } from './DispositionPicker';
import { needsReason } from './dispositions';

type UnitOutcomeKind = Impact['units'][number]['outcome']['kind'];

const UNIT_WORDS: Record<UnitOutcomeKind, string> = {
  'continue-on-new': 'continues on the new revision',
  'needs-disposition': 'needs a disposition',
  'at-changed-operation': 'at a changed operation now',
  unaffected: 'not affected',
  'outside-effectivity': 'outside the effectivity',
};
const ORDER_WORDS: Record<Impact['orders'][number]['outcome'], string> = {
  'move-to-new-revision': 'moves to the new revision',
  'remaining-units-on-new-revision': 'units not started build to the new revision',
  'units-only': 'all units started: each by where it is',
  'outside-effectivity': 'outside the effectivity',
};

const detail = (o: Impact['units'][number]['outcome']): string =>
  o.kind === 'needs-disposition'
    ? `changed operations done: ${o.changedDone.join(', ')}; proposed: rework from ${o.reworkFrom} (or accept with a deviation, or scrap)`
    : o.kind === 'at-changed-operation'
      ? `at operation ${o.operation}: finish as started, or restart under the new revision`
      : o.kind === 'continue-on-new'
        ? `changed operations ahead: ${o.changedAhead.join(', ')}`
        : '';

/** What a change means for the open work: the counts per outcome (each opens its units), and the per-unit table. */
export function ImpactPanel({ change, pending }: { change: string; pending: boolean }) {
  const client = useClient();
  const { user } = useSession();
  const impact = useLiveQuery('changeImpact', { number: change }, ['orders', 'wip', 'changes'], 1000);
  const [edits, setEdits] = useState<Record<string, Edit>>({});
  const [saved, setSaved] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const editable = pending && can(user.role, 'units.disposition');
  const save = async () => {
    const choices = Object.entries(edits).map(([serial, e]) => ({ serial, disposition: e.disposition, ...(needsReason(e.disposition) ? { reason: e.reason } : {}) }));
    const r = await client.call('chooseDispositions', { number: change, choices });
    if (!r.ok) return setSaved({ kind: 'error', text: r.error.message });
    setEdits({});
    setSaved({ kind: 'info', text: `${choices.length} disposition(s) recorded; they apply when the change is approved.` });
  };
  const [filter, setFilter] = useState<UnitOutcomeKind | 'all'>('all');
  const [orderFilter, setOrderFilter] = useState<Impact['orders'][number]['outcome'] | null>(null);
  const units = useMemo(() => (impact.data?.units ?? []).filter((u) => filter === 'all' || u.outcome.kind === filter), [impact.data, filter]);
  if (impact.error) {
    return (
      <p className="message message-error" role="alert">
        {impact.error.message}
      </p>
    );
  }
  const data = impact.data;
  if (!data) return <p className="muted">Working out the impact…</p>;
  return (
    <section className="panel" aria-labelledby="impact-title" data-testid="change-impact">
      <h2 id="impact-title">Impact on the open work</h2>
      <div className="impact-counts">
        <div>
          <h3>Orders ({data.orders.length})</h3>
          <ul>
            {Object.entries(data.summary.orders)
              .filter(([, n]) => n > 0)
              .map(([k, n]) => (
                <li key={k}>
                  <button type="button" className="link-button" data-testid={`impact-orders-${k}`} onClick={() => setOrderFilter(k as keyof typeof ORDER_WORDS)}>
                    <strong>{n}</strong> {ORDER_WORDS[k as keyof typeof ORDER_WORDS]}
                  </button>
                </li>
              ))}
          </ul>
        </div>
        <div>
          <h3>Units in progress ({data.units.length})</h3>
          <ul>
            {Object.entries(data.summary.units)
              .filter(([, n]) => n > 0)
              .map(([k, n]) => (
                <li key={k}>
                  <button type="button" className="link-button" data-testid={`impact-units-${k}`} onClick={() => setFilter(k as UnitOutcomeKind)}>
                    <strong>{n}</strong> {UNIT_WORDS[k as UnitOutcomeKind]}
                  </button>
                </li>
              ))}
          </ul>
        </div>
      </div>
      {orderFilter && (
        <div className="table-scroll impact-table">
          <table className="table" data-testid="impact-orders">
            <caption>
              Orders: {ORDER_WORDS[orderFilter]}{' '}
              <button type="button" className="link-button" onClick={() => setOrderFilter(null)}>
                (close)
              </button>
            </caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Status</th>
                <th scope="col">Due</th>
                <th scope="col">Units started</th>
              </tr>
            </thead>
            <tbody>
              {data.orders
                .filter((o) => o.outcome === orderFilter)
                .slice(0, 1000)
                .map((o) => (
                  <tr key={o.number} data-testid="impact-order" data-number={o.number}>
                    <td>{o.number}</td>
                    <td>{o.status.replace('_', ' ')}</td>
                    <td>{o.dueDate}</td>
                    <td>
                      {o.unitsStarted} of {o.quantity}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="impact-counts">
        <div data-testid="impact-time">
          <h3>Time</h3>
          {data.time.orders.length === 0 ? (
            <p className="muted">No ETA moves.</p>
          ) : (
            <ul>
              {data.time.orders.slice(0, 20).map((o) => (
                <li key={o.number}>
                  {o.number}: {o.deltaSeconds >= 0 ? '+' : ''}
                  {Math.round(o.deltaSeconds / 60)} min{o.lateAfter && !o.lateBefore ? ' — becomes late' : ''}
                </li>
              ))}
            </ul>
          )}
          {data.time.becomeLate.length > 0 && <p role="alert">Becoming late: {data.time.becomeLate.join(', ')}</p>}
        </div>
        <div data-testid="impact-material">
          <h3>Material</h3>
          {data.material.short.length === 0 && data.material.unused.length === 0 && <p className="muted">No order runs short; nothing is left unused.</p>}
          <ul>
            {data.material.short.map((m) => (
              <li key={`${m.order}-${m.text}`} data-testid="impact-short">
                {m.order}
                {m.at ? `, starting ${formatDateTime(m.at)}` : ''}: {m.text}
              </li>
            ))}
            {data.material.unused.map((m) => (
              <li key={`${m.material}-${m.revision}`}>
                No longer used: {m.material} rev {m.revision}, {m.onHand} on hand
              </li>
            ))}
          </ul>
        </div>
      </div>
      <label className="field">
        <span>Show units</span>
        <select data-testid="impact-filter" value={filter} onChange={(e) => setFilter(e.target.value as UnitOutcomeKind | 'all')}>
          <option value="all">all</option>
          {Object.entries(UNIT_WORDS).map(([k, words]) => (
            <option key={k} value={k}>
              {words}
            </option>
          ))}
        </select>
      </label>
      <div className="table-scroll impact-table">
        <table className="table" data-testid="impact-units">
          <thead>
            <tr>
              <th scope="col">Unit</th>
              <th scope="col">Order</th>
              <th scope="col">Where</th>
              <th scope="col">Outcome</th>
              <th scope="col">Why</th>
              <th scope="col">Disposition</th>
            </tr>
          </thead>
          <tbody>
            {units.slice(0, 1000).map((u) => (
              <tr key={u.serial} data-testid="impact-unit" data-serial={u.serial} data-outcome={u.outcome.kind}>
                <td className="mono">{u.serial}</td>
                <td>{u.order}</td>
                <td>
                  {u.status === 'in_operation' ? 'at' : 'next'} operation {u.operations[u.position] ?? '–'}
                </td>
                <td>{UNIT_WORDS[u.outcome.kind]}</td>
                <td>{detail(u.outcome)}</td>
                <td>
                  <DispositionPicker unit={u} edit={edits[u.serial]} editable={editable} onEdit={(e) => setEdits((all) => ({ ...all, [u.serial]: e }))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editable && (
        <div className="dialog-buttons">
          <button type="button" className="button" data-testid="dispositions-save" disabled={Object.keys(edits).length === 0} onClick={() => void save()}>
            Record {Object.keys(edits).length || ''} disposition(s)
          </button>
          {saved && (
            <p className={`message message-${saved.kind}`} role={saved.kind === 'error' ? 'alert' : 'status'} data-testid="dispositions-message">
              {saved.text}
            </p>
          )}
        </div>
      )}
      {units.length > 1000 && <p className="muted">The first 1,000 of {units.length.toLocaleString()} are shown; filter by outcome to see others.</p>}
      <p className="muted">Worked out from the record in {data.ms} ms.</p>
    </section>
  );
}
