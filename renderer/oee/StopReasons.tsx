import { useMemo, useState } from 'react';
import { can, reasonLeaves, type ReasonNode, type StopView } from '../../core';
import { ActionMessage, type ActionResult } from '../shell/ActionMessage';
import { useClient, useSession } from '../shell/context';
import { formatDateTime, formatTime } from '../shell/format';
import { useLiveQuery } from '../shell/useLiveQuery';
import { duration } from './format';
import './oee.css';

/** The reason tree as a select: each group a labelled set of its reasons. */
function ReasonSelect({ tree, value, onChange, disabled, testid }: { tree: readonly ReasonNode[]; value: string; onChange: (code: string) => void; disabled: boolean; testid: string }) {
  return (
    <select aria-label="Reason" data-testid={testid} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose the reason…</option>
      {tree.map((n) =>
        n.children.length === 0 ? (
          <option key={n.code} value={n.code}>
            {n.name}
          </option>
        ) : (
          <optgroup key={n.code} label={n.name}>
            {reasonLeaves(n.children, []).map((l) => (
              <option key={l.code} value={l.code}>
                {l.path.join(' › ')}
              </option>
            ))}
          </optgroup>
        ),
      )}
    </select>
  );
}

/**
 * Stops and their reasons, newest first: those without one stand out until they have one (an operator at the terminal,
 * a shift lead here); one with a reason may be corrected. Micro-stops are grouped below, asked no reason.
 */
export function StopReasons({
  workCenter,
  hours = 24,
  onlyOpen = false,
  big = false,
  title,
}: {
  workCenter?: string;
  hours?: number;
  onlyOpen?: boolean;
  big?: boolean;
  /** Shown as a panel of its own with this title, and nothing at all while there is no stop to show. */
  title?: string;
}) {
  const client = useClient();
  const { user } = useSession();
  const range = useMemo(() => ({ from: new Date(Date.now() - hours * 3_600_000).toISOString(), to: new Date(Date.now() + 7 * 86_400_000).toISOString() }), [hours]);
  const stops = useLiveQuery('downtime', { ...range, ...(workCenter ? { workCenter } : {}), needsReason: onlyOpen }, ['oee'], 1000);
  const tree = useLiveQuery('downtimeReasons', {}, ['oee']);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<ActionResult>(null);
  const allowed = can(user.role, 'downtime.reason');
  const key = (s: StopView) => `${s.workCenter}@${s.start}`;
  const give = async (s: StopView) => {
    const reason = chosen[key(s)];
    if (!reason) return setMessage({ kind: 'error', text: 'Choose a reason first.' });
    const r = await client.call('giveStopReason', { workCenter: s.workCenter, start: s.start, reason, comment: '' });
    setMessage(r.ok ? { kind: 'info', text: `Stop at ${s.workCenter} from ${formatTime(s.start)}: ${r.value.reason?.path.join(' › ')}.` } : { kind: 'error', text: r.error.message });
  };
  if (!stops.data || !tree.data) return title ? null : <p className="muted">{stops.error?.message ?? tree.error?.message ?? 'Reading the stops…'}</p>;
  const list = stops.data.stops;
  const reasons = tree.data.tree;
  if (title && list.length === 0 && !message) return null;
  const body = (
    <div className={big ? 'stop-reasons stop-reasons-big' : 'stop-reasons'} data-testid="stop-reasons">
      {list.length === 0 ? (
        <p className="muted" data-testid="stops-none">
          {onlyOpen ? 'Every stop has its reason.' : 'No stop in this time.'}
        </p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              {!workCenter && <th scope="col">Work center</th>}
              <th scope="col">From</th>
              <th scope="col">For</th>
              <th scope="col">State</th>
              <th scope="col">Reason</th>
              <th scope="col" aria-label="Action" />
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <tr key={key(s)} data-testid="stop-row" data-wc={s.workCenter} data-start={s.start} data-reason={s.reason?.code ?? ''} className={s.reason ? undefined : 'stop-unreasoned'}>
                {!workCenter && <td>{s.workCenter}</td>}
                <td>{formatDateTime(s.start)}</td>
                <td>
                  {duration(s.seconds)}
                  {s.end === null ? ' (still stopped)' : ''}
                </td>
                <td>{s.state}</td>
                <td>
                  {s.reason ? (
                    <span title={`${s.reason.by}, ${formatDateTime(s.reason.at)}`}>{s.reason.path.join(' › ')}</span>
                  ) : (
                    <strong className="cell-abnormal">⚑ No reason yet</strong>
                  )}
                </td>
                <td className="stop-give">
                  <ReasonSelect tree={reasons} value={chosen[key(s)] ?? ''} disabled={!allowed} onChange={(code) => setChosen({ ...chosen, [key(s)]: code })} testid="stop-reason-select" />
                  <button type="button" className={big ? 'button terminal-big' : 'button button-small'} data-testid="stop-reason-give" disabled={!allowed} onClick={() => void give(s)}>
                    {s.reason ? 'Change' : 'Give reason'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {stops.data.micro.length > 0 && (
        <p className="muted" data-testid="micro-stops">
          Micro-stops (under {stops.data.microStopSeconds} s, grouped, no reason needed):{' '}
          {stops.data.micro.map((m) => `${m.workCenter} ${m.count}× (${duration(m.seconds)})`).join(', ')}
        </p>
      )}
      <ActionMessage message={message} testid="stop-reason-message" />
    </div>
  );
  return title ? (
    <section className="panel" aria-label={title} data-testid="terminal-stops">
      <h3>{title}</h3>
      {body}
    </section>
  ) : (
    body
  );
}
