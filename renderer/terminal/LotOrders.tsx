import { useState, type FormEvent } from 'react';
import type { TerminalLot } from '../../core';
import { Indicator } from '../shell/Indicator';

export interface LotReport {
  readonly order: string;
  readonly operation: number;
  readonly good: number;
  readonly scrapped: number;
  readonly reason?: string;
}

const WHOLE = /^\d+$/;
const count = (text: string): number | null => (text.trim() === '' ? 0 : WHOLE.test(text.trim()) ? Number(text.trim()) : null);

/** Lot-based orders with work at this work center: report good and scrapped quantities; the good part passes on. */
export function LotOrders({
  lots,
  mayRecord,
  busy,
  onReport,
  onRefused,
}: {
  lots: readonly TerminalLot[];
  mayRecord: boolean;
  busy: boolean;
  /** Resolves true when the station took the report (the row's fields are then cleared). */
  onReport: (report: LotReport) => Promise<boolean>;
  onRefused: (text: string) => void;
}) {
  if (lots.length === 0) return null;
  return (
    <section className="panel terminal-lots" aria-labelledby="terminal-lots-title">
      <h2 id="terminal-lots-title">Lot orders with work here</h2>
      <ul className="terminal-list">
        {lots.map((lot) => (
          <LotRow
            key={`${lot.order}-${lot.operation}`}
            lot={lot}
            mayRecord={mayRecord}
            busy={busy}
            onReport={onReport}
            onRefused={onRefused}
          />
        ))}
      </ul>
    </section>
  );
}

function LotRow({
  lot,
  mayRecord,
  busy,
  onReport,
  onRefused,
}: {
  lot: TerminalLot;
  mayRecord: boolean;
  busy: boolean;
  onReport: (report: LotReport) => Promise<boolean>;
  onRefused: (text: string) => void;
}) {
  const [good, setGood] = useState('');
  const [scrapped, setScrapped] = useState('');
  const [reason, setReason] = useState('');
  const scrapCount = count(scrapped);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const g = count(good);
    const s = count(scrapped);
    if (g === null || s === null) return onRefused('Quantities are whole numbers of pieces.');
    if (g + s === 0) return onRefused(`Enter how many pieces of ${lot.order} are good or scrapped at operation ${lot.operation}.`);
    if (s > 0 && reason.trim() === '') return onRefused('Say why the pieces are scrapped: a reason is required.');
    const done = await onReport({
      order: lot.order,
      operation: lot.operation,
      good: g,
      scrapped: s,
      ...(s > 0 ? { reason: reason.trim() } : {}),
    });
    if (done) {
      setGood('');
      setScrapped('');
      setReason('');
    }
  };

  return (
    <li className="terminal-lot" data-testid={`terminal-lot-${lot.order}-${lot.operation}`}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="terminal-lot-head">
          <strong>{lot.order}</strong> · {lot.product} rev {lot.revision} · op {lot.operation} {lot.operationName}
          {lot.held && (
            <span className="terminal-held">
              <Indicator kind="stopped" /> Order held
            </span>
          )}
        </div>
        {lot.instruction && <p className="small">{lot.instruction}</p>}
        <dl className="terminal-lot-counts">
          <div>
            <dt>Passed on to here</dt>
            <dd data-testid="terminal-lot-input">{lot.input}</dd>
          </div>
          <div>
            <dt>Good</dt>
            <dd data-testid="terminal-lot-good-count">{lot.good}</dd>
          </div>
          <div>
            <dt>Scrapped</dt>
            <dd data-testid="terminal-lot-scrapped-count">{lot.scrapped}</dd>
          </div>
          <div>
            <dt>Available</dt>
            <dd data-testid="terminal-lot-available">{lot.available}</dd>
          </div>
          <div>
            <dt>Order</dt>
            <dd>{lot.quantity}</dd>
          </div>
        </dl>
        <div className="terminal-lot-inputs">
          <label className="field">
            <span>Good</span>
            <input
              data-testid="terminal-lot-good"
              inputMode="numeric"
              autoComplete="off"
              value={good}
              disabled={!mayRecord}
              onChange={(e) => setGood(e.target.value)}
            />
          </label>
          <label className="field">
            <span>Scrapped</span>
            <input
              data-testid="terminal-lot-scrapped"
              inputMode="numeric"
              autoComplete="off"
              value={scrapped}
              disabled={!mayRecord}
              onChange={(e) => setScrapped(e.target.value)}
            />
          </label>
          {scrapCount !== null && scrapCount > 0 && (
            <label className="field terminal-lot-reason">
              <span>Scrap reason (required)</span>
              <input
                data-testid="terminal-lot-reason"
                autoComplete="off"
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </label>
          )}
          <button
            type="submit"
            className="button button-primary terminal-big"
            data-testid="terminal-lot-report"
            disabled={!mayRecord || busy || lot.held}
          >
            Report
          </button>
        </div>
      </form>
    </li>
  );
}
