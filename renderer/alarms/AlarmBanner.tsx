import type { AlarmSummary, AlarmView } from '../../core';
import { formatTime } from '../shell/format';
import { Indicator } from '../shell/Indicator';
import { useCurrentAlarms } from './AlarmsContext';
import { byUrgency, countAlarms, flashes, needsAttention, PRIORITY_LABEL } from './model';
import { PriorityIcon } from './PriorityIcon';
import './alarms.css';

const SHOWN = 3;

/** "WC30 · Leak rate near its limit", without repeating a work center the message already names. */
const withWorkCenter = (a: AlarmView): string => (a.workCenter && !a.message.startsWith(a.workCenter) ? `${a.workCenter} · ${a.message}` : a.message);

/**
 * On every screen, under the header: counts, flood, and the most urgent alarms that still need someone.
 * The whole banner is one button (click, Enter or Space; Alt+3 from anywhere) that opens the alarm list.
 */
export function AlarmBanner({ onOpen }: { onOpen: () => void }) {
  const { data, error, stale } = useCurrentAlarms();

  if (!data) {
    return (
      <div className="alarm-banner" data-testid="alarm-banner" data-state={error ? 'unknown' : 'loading'}>
        <button type="button" className="alarm-banner-button" onClick={onOpen} aria-keyshortcuts="Alt+3">
          {error ? <Indicator kind="no-data" /> : null}
          <span data-testid="alarm-count">{error ? `Alarms unknown: ${error.message}` : 'Reading alarms…'}</span>
        </button>
      </div>
    );
  }
  return <BannerContent summary={data} stale={stale} onOpen={onOpen} />;
}

function BannerContent({ summary, stale, onOpen }: { summary: AlarmSummary; stale: boolean; onOpen: () => void }) {
  const counts = countAlarms(summary.alarms);
  const top = summary.alarms.filter(needsAttention).sort(byUrgency);
  const { flood } = summary;
  const words = `${counts.active} active, ${counts.unacknowledged} unacknowledged${counts.shelved ? `, ${counts.shelved} shelved` : ''}`;

  return (
    <div className={`alarm-banner${stale ? ' stale' : ''}`} data-testid="alarm-banner" data-state={top.length ? 'alarms' : 'calm'} data-stale={stale}>
      <button
        type="button"
        className="alarm-banner-button"
        onClick={onOpen}
        aria-keyshortcuts="Alt+3"
        title="Open the alarm list (Alt+3)"
        aria-label={`Alarms: ${words}${flood.active ? `; alarm flood, ${flood.raisedInWindow} in ${flood.windowMinutes} minutes` : ''}. Open the alarm list.`}
      >
        <span className="alarm-count" data-testid="alarm-count" data-active={counts.active} data-unacknowledged={counts.unacknowledged}>
          Active <strong>{counts.active}</strong>
          <span className="sep-small" />
          Unack. <strong>{counts.unacknowledged}</strong>
          {counts.shelved > 0 && (
            <>
              <span className="sep-small" />
              <span className="muted">Shelved {counts.shelved}</span>
            </>
          )}
        </span>
        {flood.active && (
          <span className="alarm-flood" data-testid="alarm-flood">
            Alarm flood: {flood.raisedInWindow} in {flood.windowMinutes} min
          </span>
        )}
        {top.length === 0 ? (
          <span className="alarm-banner-calm">No alarms need attention{stale ? ' (last read; the link to the station is down)' : ''}</span>
        ) : (
          <span className="alarm-banner-list">
            {top.slice(0, SHOWN).map((a) => (
              <span key={a.id} className={`alarm-banner-item${flashes(a) ? ' alarm-unack' : ''}`} data-alarm={a.id}>
                <PriorityIcon priority={a.priority} flash={flashes(a)} />
                <span className="alarm-banner-priority">{PRIORITY_LABEL[a.priority]}</span>
                <span className="alarm-banner-message" title={a.message}>
                  {withWorkCenter(a)}
                </span>
                <span className="muted tabular">{formatTime(a.raisedAt)}</span>
                {!a.acknowledged && <span className="alarm-banner-unack">unack.</span>}
              </span>
            ))}
            {top.length > SHOWN && <span className="alarm-banner-more">+{top.length - SHOWN} more</span>}
          </span>
        )}
      </button>
    </div>
  );
}
