import { useRef, useState } from 'react';
import type { AlarmSummary, AlarmView } from '../../core';
import { ActionMessage, type ActionResult } from '../shell/ActionMessage';
import { useClient, useSession } from '../shell/context';
import { useLiveQuery, type LiveQuery } from '../shell/useLiveQuery';
import { ALARM_ACTIONS, whyNot, type AlarmAction } from './actions';
import { AckDialog, ShelveDialog, type ShelveRequest } from './AlarmDialogs';
import { useCurrentAlarms } from './AlarmsContext';
import { AlarmTable } from './AlarmTable';
import { byUrgency, countAlarms } from './model';
import './alarms.css';

/** The alarm list: most urgent first; acknowledge, shelve and unshelve the selected alarm as the role allows. */
export function AlarmsScreen() {
  const [showAll, setShowAll] = useState(false);
  const current = useCurrentAlarms();
  return showAll ? <AllAlarms onShowAll={setShowAll} /> : <AlarmsView query={current} showAll={false} onShowAll={setShowAll} />;
}

/** Returned and acknowledged alarms too: read only while asked for. */
function AllAlarms({ onShowAll }: { onShowAll: (all: boolean) => void }) {
  const all = useLiveQuery('listAlarms', { scope: 'all' }, ['alarms']);
  return <AlarmsView query={all} showAll onShowAll={onShowAll} />;
}

function AlarmsView({ query, showAll, onShowAll }: { query: LiveQuery<AlarmSummary>; showAll: boolean; onShowAll: (all: boolean) => void }) {
  const client = useClient();
  const { user } = useSession();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [asking, setAsking] = useState<AlarmAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ActionResult>(null);

  const alarms = [...(query.data?.alarms ?? [])].sort(byUrgency);
  // When the selected alarm leaves the list (acknowledged after it returned), the one that took its place is selected:
  // in a flood the operator works down the list without re-selecting.
  const lastIndex = useRef(0);
  const found = alarms.findIndex((a) => a.id === selectedId);
  if (found >= 0) lastIndex.current = found;
  const selected = alarms[found] ?? (selectedId !== null ? (alarms[Math.min(lastIndex.current, alarms.length - 1)] ?? null) : null);
  const counts = countAlarms(alarms);

  const perform = async (alarm: AlarmView, action: AlarmAction, extra: { comment?: string } | ShelveRequest = {}) => {
    setBusy(true);
    const result = await client.call('alarmAction', { id: alarm.id, action, ...extra });
    setBusy(false);
    if (!result.ok) return setMessage({ kind: 'error', text: result.error.message });
    const done = action === 'acknowledge' ? 'acknowledged' : action === 'shelve' ? 'shelved' : 'unshelved';
    setMessage({ kind: 'info', text: `Alarm “${alarm.message}” ${done}.` });
    query.reload();
  };

  const start = (action: AlarmAction) => {
    if (!selected) return;
    if (action === 'unshelve') void perform(selected, 'unshelve');
    else setAsking(action);
  };

  return (
    <div className="alarms-screen">
      <div className="orders-head">
        <h2>
          Alarms{' '}
          <span className="muted">
            · {counts.active} active · {counts.unacknowledged} unacknowledged · {counts.shelved} shelved
          </span>
        </h2>
        <label className="check">
          <input type="checkbox" checked={showAll} onChange={(e) => onShowAll(e.target.checked)} data-testid="alarms-show-all" /> Show returned and
          acknowledged alarms too
        </label>
      </div>
      {query.data?.flood.active && (
        <p className="alarm-flood alarm-flood-wide" role="status">
          Alarm flood: {query.data.flood.raisedInWindow} alarms in {query.data.flood.windowMinutes} min. Work through them by priority, top down;
          shelve nuisance alarms with a reason.
        </p>
      )}
      <div className="toolbar" role="toolbar" aria-label="Alarm actions">
        <span className="toolbar-selection">
          {selected ? (
            <>
              Selected: <strong>{selected.message}</strong>
            </>
          ) : (
            <span className="muted">No alarm selected</span>
          )}
        </span>
        {ALARM_ACTIONS.map((a) => {
          const reason = whyNot(a.id, selected, user.role);
          return (
            <button
              key={a.id}
              type="button"
              className="button"
              data-testid={a.testid}
              disabled={busy || reason !== null}
              title={reason ?? a.label}
              onClick={() => start(a.id)}
            >
              {a.label}
            </button>
          );
        })}
      </div>
      <ActionMessage message={message} testid="alarm-action-message" />
      {query.error && (
        <p className="message message-error" role="alert" data-testid="alarms-error">
          {query.data ? 'Showing the last list read: ' : 'The alarms cannot be read: '}
          {query.error.message}
        </p>
      )}
      <div className={query.stale && query.data ? 'alarm-list stale' : 'alarm-list'}>
        {!query.data ? (
          !query.error && (
            <p className="muted" role="status">
              Reading alarms…
            </p>
          )
        ) : alarms.length === 0 ? (
          <p className="empty" data-testid="alarms-empty">
            {query.data.definitions === 0
              ? 'No alarms are defined yet. An engineer adds alarm definitions to the station configuration; they then appear here when they trip.'
              : `No alarms need attention. The station watches ${query.data.definitions} alarm definitions; a tripped alarm appears here and in the banner above.`}
          </p>
        ) : (
          <AlarmTable alarms={alarms} selected={selected?.id ?? null} onSelect={setSelectedId} />
        )}
      </div>
      <p className="hint">
        Keys: ↑/↓ select an alarm · Tab reaches the buttons · <kbd>Alt+3</kbd> this list from any screen. Flashing means not yet acknowledged.
      </p>
      {asking === 'acknowledge' && selected && (
        <AckDialog
          alarm={selected}
          onDone={(comment) => {
            setAsking(null);
            if (comment !== null) void perform(selected, 'acknowledge', comment ? { comment } : {});
          }}
        />
      )}
      {asking === 'shelve' && selected && (
        <ShelveDialog
          alarm={selected}
          onDone={(request) => {
            setAsking(null);
            if (request) void perform(selected, 'shelve', request);
          }}
        />
      )}
    </div>
  );
}
