import { Indicator } from '../shell/Indicator';
import type { UnitResult } from './outcome';

export function ResultBanner({ result, onAsBuilt, onDismiss }: { result: UnitResult; onAsBuilt: () => void; onDismiss: () => void }) {
  const fail = result.result === 'fail';
  return (
    <section
      className={`terminal-result${fail ? ' terminal-result-fail' : ''}`}
      data-testid="terminal-result"
      data-result={result.result}
      data-unit-status={result.unitStatus}
      aria-live="polite"
    >
      <div className="terminal-result-text">
        <p className="terminal-result-headline">
          {fail ? <Indicator kind={result.unitStatus === 'scrapped' ? 'fault' : 'attention'} /> : <Indicator kind="ok" />}{' '}
          <strong>{result.headline}</strong>
        </p>
        <p data-testid="terminal-result-detail">{result.detail}</p>
      </div>
      <div className="terminal-result-buttons">
        <button type="button" className="button terminal-big" data-testid="terminal-asbuilt-open" onClick={onAsBuilt}>
          As-built record
        </button>
        <button type="button" className="button terminal-big" data-testid="terminal-result-dismiss" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
