import type { ChangeView } from '../../core';
import { Indicator } from '../shell/Indicator';
import { useLiveQuery } from '../shell/useLiveQuery';

/**
 * The new revision's work instruction cards as the operators will get them at their terminals, generated from the
 * model; what the change alters on each card marked in words. Printable: there is no other document to keep.
 */
export function InstructionCards({ change }: { change: ChangeView }) {
  const cards = useLiveQuery('instructionCards', { product: change.product, revision: change.toRevision }, ['master', 'changes']);
  if (cards.error) {
    return (
      <p className="message message-error" role="alert">
        {cards.error.message}
      </p>
    );
  }
  return (
    <section className="panel" aria-labelledby="cards-title" data-testid="instruction-cards">
      <div className="panel-head">
        <h2 id="cards-title">
          Work instructions, {change.product} rev {change.toRevision}
        </h2>
        <button type="button" className="button" onClick={() => window.print()}>
          Print…
        </button>
      </div>
      <div className="instruction-cards">
        {(cards.data ?? []).map((c) => (
          <article key={c.operation} className="instruction-card" data-testid="instruction-card" data-operation={c.operation} data-changed={c.changed ? 'true' : 'false'}>
            <h3>
              {c.operation} {c.name} <span className="muted">· {c.workCenter} · {c.standardCycleSeconds} s</span>
            </h3>
            {c.changed && (
              <div className="terminal-changed" data-testid="instruction-card-changed">
                <strong>
                  <Indicator kind="attention" /> Changed by {c.changed.change} (was rev {c.changed.from}):
                </strong>{' '}
                {c.changed.what.join('; ')}
              </div>
            )}
            <p>{c.instruction || <span className="muted">No written instruction.</span>}</p>
            <p>
              <strong>Components:</strong>{' '}
              {c.components.length === 0 ? 'none' : c.components.map((m) => `${m.material} rev ${m.revision} × ${m.quantity}${m.description ? ` (${m.description})` : ''}`).join(', ')}
            </p>
            <p>
              <strong>Checks:</strong> {c.checks.length === 0 ? 'none' : c.checks.map((m) => `${m.name} ${m.low}…${m.high} ${m.unit}`).join(', ')}
              <span className="muted"> · {c.onFail}</span>
            </p>
          </article>
        ))}
      </div>
    </section>
  );
}
