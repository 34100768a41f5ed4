import type { ReactNode } from 'react';
import type { AppError, PlantOverview } from '../../core';

/**
 * What needs someone at the plant, on every plant screen: the plant's PostgreSQL not answering, and each line whose
 * log the plant stopped (a refused batch: nothing after it is applied until an engineer decides on Lines).
 */
export function PlantAlarms({ overview, error, onOpen }: { overview: PlantOverview | null; error: AppError | null; onOpen: () => void }) {
  if (!overview && !error) return <div className="alarm-banner" data-testid="plant-alarms" data-state="loading" />;
  // The plant server not answering: the last reading is shown as such, never as calm.
  const stale = error !== null;
  const stopped = (overview?.stations ?? []).filter((s) => s.stopped !== null);
  const down = overview?.database === 'down';
  const count = stopped.length + (down ? 1 : 0) + (stale ? 1 : 0);
  return (
    <div className={`alarm-banner${stale ? ' stale' : ''}`} data-testid="plant-alarms" data-state={count > 0 ? 'alarms' : 'calm'} data-count={count} data-stale={stale}>
      <button type="button" className="alarm-banner-button" onClick={onOpen} title="Open Lines" aria-label={`Plant alarms: ${count}. Open Lines.`}>
        {count === 0 ? (
          <span className="alarm-banner-calm">Every line's log is accepted at the plant</span>
        ) : (
          <span className="alarm-banner-list">
            {stale && (
              <Alarm testid="plant-alarm-server">The plant server does not answer ({error.message}): what follows is its last reading</Alarm>
            )}
            {down && <Alarm testid="plant-alarm-database">The plant's PostgreSQL does not answer: the lines keep their logs and ship when it is back</Alarm>}
            {stopped.map((s) => (
              <Alarm key={s.id} testid={`plant-alarm-${s.id}`} title={s.stopped ?? ''}>
                {s.id}: log stopped at the plant, an engineer decides · {s.stopped}
              </Alarm>
            ))}
          </span>
        )}
      </button>
    </div>
  );
}

/** One of the plant's alarms in the banner: each is high priority until someone acts on it. */
function Alarm({ testid, title, children }: { testid: string; title?: string; children: ReactNode }) {
  return (
    <span className="alarm-banner-item alarm-unack" data-testid={testid}>
      <span className="alarm-banner-priority">High</span>
      <span className="alarm-banner-message" title={title}>
        {children}
      </span>
    </span>
  );
}
