import type { KeyboardEvent } from 'react';
import type { TerminalUnit } from '../../core';
import { Indicator } from '../shell/Indicator';
import { judgeReading, limitsText, measureId, type MeasurementSpec } from './measure';

export type Readings = Readonly<Record<string, string>>;

/** Why Complete is not offered yet, in words; null when it is. The station checks all of it again. */
export function whyNotComplete(unit: TerminalUnit, readings: Readings): string | null {
  const missing = unit.components.filter((c) => c.scanned < c.quantity);
  if (missing.length > 0)
    return `Scan ${missing.map((c) => `${c.material} rev ${c.revision} (${c.quantity - c.scanned} more)`).join(' and ')} first.`;
  const unread = unit.measurements.filter((m) => {
    const j = judgeReading(m, readings[m.name] ?? '');
    return j === 'empty' || j === 'invalid';
  });
  if (unread.length > 0) return `Enter ${unread.map((m) => m.name).join(' and ')} first.`;
  return null;
}

/** The unit in operation here: what to do, what to scan, what to measure; complete or scrap it. */
export function CurrentUnit({
  unit,
  armed,
  onArm,
  readings,
  onReading,
  mayRecord,
  busy,
  onComplete,
  onScrap,
  onDoneTyping,
}: {
  unit: TerminalUnit;
  armed: string | null;
  onArm: (material: string | null) => void;
  readings: Readings;
  onReading: (name: string, text: string) => void;
  mayRecord: boolean;
  busy: boolean;
  onComplete: () => void;
  onScrap: () => void;
  /** Enter in the last measurement: back to the scan field. */
  onDoneTyping: () => void;
}) {
  const op = unit.operation;
  const why = whyNotComplete(unit, readings);
  const failing = unit.measurements.filter((m) => judgeReading(m, readings[m.name] ?? '') === 'fail');

  const nextField = (event: KeyboardEvent<HTMLInputElement>, index: number) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const next = unit.measurements[index + 1];
    const el = next ? document.querySelector<HTMLInputElement>(`[data-testid="terminal-measure-${measureId(next.name)}"]`) : null;
    if (el) el.focus();
    else {
      event.currentTarget.blur();
      onDoneTyping();
    }
  };

  return (
    <section className="panel terminal-current" aria-labelledby="terminal-current-title" data-testid="terminal-current">
      <div className="terminal-unit-head">
        <h2 id="terminal-current-title">
          <span className="sr-only">Unit in operation: </span>
          <span className="terminal-serial mono" data-testid="terminal-current-serial">
            {unit.serial}
          </span>
        </h2>
        <div className="terminal-unit-facts">
          <span>
            Order <strong>{unit.order}</strong>
          </span>
          <span>
            {unit.product} rev <strong>{unit.revision}</strong>
          </span>
          <span data-testid="terminal-operation">
            Operation <strong>{op.seq}</strong> {op.name}
          </span>
          {op.attempt > 1 && (
            <span className="terminal-rework" data-testid="terminal-attempt">
              <Indicator kind="attention" /> Rework attempt {op.attempt}
            </span>
          )}
        </div>
      </div>

      {op.changed && (
        // A change reached this unit: what is different here from what the operator knows, before they work.
        <div className="terminal-changed" role="note" data-testid="terminal-changed" data-change={op.changed.change}>
          <h3>
            <Indicator kind="attention" /> Changed by {op.changed.change}: rev {op.changed.from} → rev {op.revision}
          </h3>
          <ul>
            {op.changed.what.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="terminal-instruction" data-testid="terminal-instruction">
        <h3>
          Work instruction <span className="muted small">(rev {op.revision})</span>
        </h3>
        <p>{op.instruction || 'No written instruction for this operation.'}</p>
        <p className="muted small">
          Standard cycle {op.standardCycleSeconds} s ·{' '}
          {op.onFail === 'rework'
            ? `out of limits: back to operation ${op.reworkTo ?? op.seq} for rework`
            : 'out of limits: the unit is scrapped'}
        </p>
      </div>

      <div className="terminal-work">
        <div>
          <h3>Components to scan</h3>
          {unit.components.length === 0 ? (
            <p className="muted">No components at this operation.</p>
          ) : (
            <>
              <ul className="terminal-components" aria-label="Components to scan">
                {unit.components.map((c) => {
                  const done = c.scanned >= c.quantity;
                  const isArmed = armed === c.material;
                  return (
                    <li key={c.material}>
                      <button
                        type="button"
                        className={`terminal-component${done ? ' done' : ''}${isArmed ? ' armed' : ''}`}
                        data-testid={`terminal-component-${c.material}`}
                        data-scanned={c.scanned}
                        data-required={c.quantity}
                        data-complete={done ? 'true' : 'false'}
                        aria-pressed={isArmed}
                        disabled={done || !mayRecord}
                        title={done ? 'Complete' : 'Tap, then scan the bare lot number of this component'}
                        onClick={() => onArm(isArmed ? null : c.material)}
                      >
                        <span className="terminal-component-id">
                          <strong>{c.material}</strong> rev {c.revision}
                        </span>
                        <span className="terminal-component-desc">{c.description}</span>
                        <span className="terminal-component-count" data-testid={`terminal-component-${c.material}-count`}>
                          {done ? '✓ ' : ''}
                          {c.scanned} / {c.quantity}
                        </span>
                        <span className="terminal-component-lots mono">
                          {c.lots.length > 0 ? `lot ${c.lots.join(', ')}` : isArmed ? 'scan its lot now' : 'not scanned'}
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ul>
              <p className="hint">Scan the label (MATERIAL|REVISION|LOT), or tap a component and scan its bare lot number.</p>
            </>
          )}
        </div>
        <div>
          <h3>Measurements</h3>
          {unit.measurements.length === 0 ? (
            <p className="muted">No measurements at this operation.</p>
          ) : (
            <div className="terminal-measurements">
              {unit.measurements.map((m, i) => (
                <Measurement
                  key={m.name}
                  spec={m}
                  text={readings[m.name] ?? ''}
                  disabled={!mayRecord}
                  onChange={(text) => onReading(m.name, text)}
                  onKeyDown={(e) => nextField(e, i)}
                />
              ))}
            </div>
          )}

          <div className="terminal-actions">
            <button
              type="button"
              className="button button-primary terminal-big"
              data-testid="terminal-complete"
              disabled={!mayRecord || busy || why !== null}
              onClick={onComplete}
            >
              Complete operation {op.seq}
            </button>
            <button
              type="button"
              className="button terminal-big"
              data-testid="terminal-scrap"
              disabled={!mayRecord || busy}
              onClick={onScrap}
            >
              Scrap unit…
            </button>
            <span className="terminal-why" data-testid="terminal-complete-why">
              {why ??
                (failing.length > 0
                  ? `${failing.map((m) => m.name).join(' and ')} out of limits: completing ${op.onFail === 'rework' ? 'sends the unit to rework' : 'scraps the unit'}.`
                  : 'Ready to complete.')}
            </span>
          </div>
        </div>
      </div>
    </section>
  );
}

function Measurement({
  spec,
  text,
  disabled,
  onChange,
  onKeyDown,
}: {
  spec: MeasurementSpec;
  text: string;
  disabled: boolean;
  onChange: (text: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
}) {
  const judgement = judgeReading(spec, text);
  const id = measureId(spec.name);
  return (
    <label className={`field terminal-measure${judgement === 'fail' ? ' out' : ''}`}>
      <span>
        {spec.name} <span className="muted">({limitsText(spec)})</span>
      </span>
      <span className="terminal-measure-row">
        <input
          data-testid={`terminal-measure-${id}`}
          inputMode="decimal"
          autoComplete="off"
          value={text}
          disabled={disabled}
          aria-invalid={judgement === 'fail' || judgement === 'invalid'}
          aria-describedby={`measure-${id}-judgement`}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <span className="terminal-unit-label">{spec.unit}</span>
        <span
          id={`measure-${id}-judgement`}
          className="terminal-judgement"
          data-testid={`terminal-measure-${id}-judgement`}
          data-judgement={judgement}
        >
          {judgement === 'pass' && 'in limits'}
          {judgement === 'fail' && (
            <>
              <Indicator kind="attention" /> <strong>out of limits</strong>
            </>
          )}
          {judgement === 'invalid' && 'not a number'}
        </span>
      </span>
    </label>
  );
}
