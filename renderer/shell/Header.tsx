import { useState } from 'react';
import { ROLE_LABEL } from '../../core';
import { ChangePasswordDialog } from '../login/ChangePasswordDialog';
import { useSessionActivity } from '../login/useSessionActivity';
import { formatDate, formatTime } from './format';
import { Indicator } from './Indicator';
import { useSession } from './context';
import { useClock } from './useClock';
import { useStationStatus, type StationStatus } from './useStationStatus';

/** Always visible: who is signed in, whether the station and the PLC answer, the time, sign-out. */
export function Header({ onSignOut }: { onSignOut: () => void }) {
  const { user } = useSession();
  const status = useStationStatus();
  const now = useClock();
  const [changing, setChanging] = useState(false);
  useSessionActivity();

  return (
    <header className="header">
      <div className="header-title">
        <strong>Control-room MES</strong>
        {status.stationId && <span className="muted"> · station {status.stationId}</span>}
      </div>
      <StationLink status={status} now={now} />
      <PlcLink plc={status.plc} />
      <RecordLink record={status.record} />
      <PlantLink replication={status.replication} />
      <div className="header-user" data-testid="current-user" aria-label={`Signed in as ${user.displayName}, ${ROLE_LABEL[user.role]}`}>
        <span className="user-name">{user.displayName}</span> <span className="user-role">{ROLE_LABEL[user.role]}</span>
      </div>
      <time className="clock" data-testid="clock" dateTime={now.toISOString()}>
        <span className="clock-date">{formatDate(now)}</span> {formatTime(now)}
      </time>
      <button type="button" className="button" data-testid="change-password" aria-label="Change password" title="Change your password" onClick={() => setChanging(true)}>
        Password…
      </button>
      <button type="button" className="button" data-testid="sign-out" onClick={onSignOut}>
        Sign out
      </button>
      {changing && <ChangePasswordDialog onClose={() => setChanging(false)} />}
    </header>
  );
}

function StationLink({ status, now }: { status: StationStatus; now: Date }) {
  const { state, retryAt } = status.connection;
  const down = state === 'offline' || status.reachable === false;
  let text = 'Station connected';
  if (state === 'connecting') text = 'Connecting to station…';
  if (down) {
    const seconds = retryAt === null ? null : Math.max(0, Math.ceil((retryAt - now.getTime()) / 1000));
    text = seconds === null ? 'Station not answering' : `Station not answering · retry ${seconds} s`;
  }
  return (
    <div className={`link-status${down ? ' abnormal' : ''}`} data-testid="connection-status" data-state={down ? 'offline' : state} title={text}>
      <Indicator kind={down ? 'stopped' : 'ok'} />
      <span className="link-text">{text}</span>
    </div>
  );
}

function PlcLink({ plc }: { plc: StationStatus['plc'] }) {
  const known = plc !== null;
  const connected = plc?.connected ?? false;
  // The station's own words go in the tooltip; the line screen shows them in full.
  const text = !known ? 'PLC: unknown' : connected ? 'PLC connected' : 'PLC disconnected';
  return (
    <div
      className={`link-status${known && !connected ? ' abnormal' : ''}`}
      data-testid="plc-status"
      data-state={!known ? 'unknown' : connected ? 'connected' : 'disconnected'}
      role="status"
      title={plc?.message}
    >
      <Indicator kind={!known ? 'no-data' : connected ? 'ok' : 'stopped'} />
      <span className="link-text">{text}</span>
    </div>
  );
}

/** The record's integrity: a walk of the hash chain at start-up, every hour and on demand (the Audit screen). */
function RecordLink({ record }: { record: StationStatus['record'] }) {
  if (!record) return null;
  const last = record.lastVerified;
  const broken = record.status === 'broken';
  let text = 'Record not verified yet';
  let title = `The chain's head: event ${record.head.seq}`;
  if (record.verifying) {
    const pct = record.verifying.total > 0 ? Math.floor((record.verifying.done / record.verifying.total) * 100) : 0;
    text = `Verifying record ${pct} %`;
  }
  if (last && !record.verifying) {
    text = last.intact ? 'Record intact' : `Record NOT intact · event ${last.firstBreak?.seq ?? '?'}`;
    title = last.intact
      ? `${last.events.toLocaleString('en')} events verified through event ${last.through} at ${new Date(last.at).toLocaleTimeString()}; head event ${record.head.seq}`
      : `Event ${last.firstBreak?.seq}: ${last.firstBreak?.problem}: ${last.firstBreak?.why}`;
  }
  return (
    <div className={`link-status${broken ? ' abnormal' : ''}`} data-testid="record-status" data-state={record.status} role="status" title={title}>
      <Indicator kind={broken ? 'stopped' : last?.intact ? 'ok' : 'no-data'} />
      <span className="link-text">{text}</span>
    </div>
  );
}

/** Shipping the log to the plant: live, catching up (what is left, the rate, the time to go), offline, or stopped. */
function PlantLink({ replication: r }: { replication: StationStatus['replication'] }) {
  if (!r) return null;
  const eta = r.etaSeconds === null ? '' : r.etaSeconds >= 90 ? ` · ${Math.round(r.etaSeconds / 60)} min to go` : ` · ${r.etaSeconds} s to go`;
  const text =
    r.state === 'live'
      ? 'Plant: up to date'
      : r.state === 'catching-up'
        ? `Plant: catching up, ${r.left.toLocaleString()} left${r.ratePerSecond > 0 ? ` · ${r.ratePerSecond.toLocaleString()}/s` : ''}${eta}`
        : r.state === 'offline'
          ? `Plant offline · ${r.left.toLocaleString()} waiting${r.backlogSince ? ` since ${formatTime(r.backlogSince)}` : ''}`
          : 'Plant stopped the log';
  const abnormal = r.state === 'offline' || r.state === 'stopped';
  return (
    <div className={`link-status${abnormal ? ' abnormal' : ''}`} data-testid="plant-status" data-state={r.state} role="status" title={r.message || text}>
      <Indicator kind={r.state === 'live' ? 'ok' : abnormal ? 'stopped' : 'attention'} />
      <span className="link-text">{text}</span>
    </div>
  );
}
