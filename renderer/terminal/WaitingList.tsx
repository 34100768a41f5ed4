import type { TerminalView } from '../../core';
import { formatAge } from '../shell/format';
import { useClock } from '../shell/useClock';

/** Units queued for this work center, longest waiting first; tap one to start it here. */
export function WaitingList({
  waiting,
  first,
  blockedBy,
  mayRecord,
  busy,
  onStart,
  onNextUnit,
}: {
  waiting: TerminalView['waiting'];
  first: boolean;
  /** The unit in operation here: finish it before starting another. */
  blockedBy: string | null;
  mayRecord: boolean;
  busy: boolean;
  onStart: (serial: string) => void;
  onNextUnit: () => void;
}) {
  const now = useClock(5000);
  const blocked = blockedBy ? `Complete or scrap ${blockedBy} first.` : undefined;
  return (
    <section className="panel terminal-waiting" aria-labelledby="terminal-waiting-title">
      <h2 id="terminal-waiting-title">
        Waiting here <span className="muted">({waiting.length})</span>
      </h2>
      {first && (
        <button
          type="button"
          className="button button-primary terminal-big terminal-wide"
          data-testid="terminal-next-unit"
          disabled={!mayRecord || busy || blockedBy !== null}
          title={blocked ?? 'Start the next unit of the dispatch list here (print and fit its serial label)'}
          onClick={onNextUnit}
        >
          Start next unit
        </button>
      )}
      {waiting.length === 0 ? (
        <p className="muted" data-testid="terminal-waiting-empty">
          {first
            ? 'No unit waiting. Start the next unit of the dispatch list with the button above.'
            : 'No unit waiting for this work center.'}
        </p>
      ) : (
        <ul className="terminal-list">
          {waiting.map((u) => (
            <li key={u.serial}>
              <button
                type="button"
                className="button terminal-big terminal-wide terminal-waiting-unit"
                data-testid={`terminal-waiting-${u.serial}`}
                disabled={!mayRecord || busy || blockedBy !== null || u.heldFor !== null}
                data-held={u.heldFor ?? undefined}
                title={u.heldFor ? `Held for a disposition under change ${u.heldFor}: a supervisor decides first` : (blocked ?? `Start operation ${u.operation} of ${u.serial} here`)}
                onClick={() => onStart(u.serial)}
              >
                <span className="mono">
                  <strong>{u.serial}</strong>
                </span>
                <span>
                  {u.product} · op {u.operation}
                </span>
                {u.heldFor ? (
                  <span className="cell-abnormal" data-testid={`terminal-held-${u.serial}`}>
                    ⚑ held: {u.heldFor}
                  </span>
                ) : (
                  <span className="muted">waiting {formatAge(u.since, now)}</span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
      {blockedBy && waiting.length > 0 && <p className="hint">{blocked}</p>}
    </section>
  );
}
