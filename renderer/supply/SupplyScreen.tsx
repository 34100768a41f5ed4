import { useState } from 'react';
import { can } from '../../core';
import { ActionMessage, type ActionResult } from '../shell/ActionMessage';
import { useClient, useSession } from '../shell/context';
import { formatDateTime } from '../shell/format';
import { useLiveQuery } from '../shell/useLiveQuery';
import { MaterialLevelPlot } from './MaterialLevelPlot';
import { SequenceTable } from './SequenceCompare';
import './supply.css';

/**
 * Supply: the receipts ERP expects, what a slip means for the dispatch list (which orders run short, when, what covers
 * them), and a sequence that keeps the line fed beside the current one, applied in one action. Live.
 */
export function SupplyScreen() {
  const client = useClient();
  const { user } = useSession();
  const view = useLiveQuery('supply', {}, ['supply', 'orders', 'wip'], 2000);
  const [result, setResult] = useState<ActionResult>(null);
  const [busy, setBusy] = useState(false);
  const data = view.data;
  if (view.error && !data) {
    return (
      <p className="message message-error" role="alert">
        {view.error.message}
      </p>
    );
  }
  if (!data) return <p className="muted">Reading supply…</p>;
  const apply = async () => {
    if (!data.proposed) return;
    setBusy(true);
    const r = await client.call('applySequence', { orders: data.proposed.map((p) => p.number), listVersion: data.listVersion });
    setBusy(false);
    setResult(r.ok ? { kind: 'info', text: `The dispatch list is in the proposed order (${r.value.orders.length} orders).` } : { kind: 'error', text: r.error.message });
  };
  const before = new Map(data.current.map((r) => [r.number, r.position]));
  return (
    <div className="supply-screen" data-testid="supply-screen">
      <section className="panel" aria-labelledby="receipts-title">
        <h2 id="receipts-title">Expected receipts</h2>
        {data.receipts.length === 0 ? (
          <p className="empty">No receipt is expected. ERP sends them to POST /api/v1/supply, or as a file ({'{ "expectedReceipts": [ … ] }'}) in the import folder.</p>
        ) : (
          <table className="table" data-testid="receipts-table">
            <thead>
              <tr>
                <th scope="col">Receipt</th>
                <th scope="col">Material</th>
                <th scope="col">Quantity</th>
                <th scope="col">Expected</th>
                <th scope="col">Supplier</th>
              </tr>
            </thead>
            <tbody>
              {data.receipts.map((r) => (
                <tr key={r.id} data-testid="receipt-row" data-id={r.id} data-slips={r.slips}>
                  <td className="mono">{r.id}</td>
                  <td>
                    {r.material} rev {r.revision}
                  </td>
                  <td>
                    {r.quantity}
                    {r.quantity !== r.firstQuantity && <span className="muted"> (was {r.firstQuantity})</span>}
                  </td>
                  <td>
                    {formatDateTime(r.expectedAt)}
                    {r.slips > 0 && (
                      <span className="cell-abnormal" data-testid="receipt-slipped">
                        {' '}
                        ⚑ slipped {r.slips}× (first {formatDateTime(r.firstExpectedAt)})
                      </span>
                    )}
                  </td>
                  <td>{r.supplier || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="shortages-title">
        <h2 id="shortages-title">Shortages</h2>
        {data.shortages.length === 0 ? (
          <p className="muted" data-testid="shortages-none">
            Every order on the dispatch list has its material when the line gets to it.
          </p>
        ) : (
          <ul data-testid="shortages">
            {data.shortages.map((s) => (
              <li key={`${s.order}-${s.material}`} data-testid="shortage" data-order={s.order}>
                <strong>{s.order}</strong> runs short of {s.material} rev {s.revision} at {formatDateTime(s.at)}: needs {s.needed}, {s.available} there.{' '}
                {s.coveredAt ? `Covered ${formatDateTime(s.coveredAt)} by ${s.coveredBy.join(', ')}.` : 'No receipt expected covers it.'}
                {s.alternates.map((a) => ` The BOM allows ${a.material} rev ${a.revision} (${a.available} there).`).join('')}
              </li>
            ))}
          </ul>
        )}
        {data.levels.length > 0 && (
          <div className="level-plots">
            {data.levels.map((l) => (
              <MaterialLevelPlot key={`${l.material}/${l.revision}`} levels={l} />
            ))}
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="sequence-title">
        <h2 id="sequence-title">Dispatch list: now and proposed</h2>
        {!data.proposed ? (
          <p className="muted" data-testid="proposal-none">
            The line is fed as the list stands: no other sequence does better.
          </p>
        ) : (
          <p>Orders that do not need the late material are pulled forward; the short ones follow their receipts. Moved orders are marked.</p>
        )}
        <div className="supply-compare">
          <SequenceTable rows={data.current} caption="Now" testid="sequence-current" />
          {data.proposed && <SequenceTable rows={data.proposed} caption="Proposed" testid="sequence-proposed" movedFrom={before} />}
        </div>
        {data.proposed && can(user.role, 'orders.sequence') && (
          <div className="dialog-buttons">
            <button type="button" className="button button-primary" data-testid="proposal-apply" disabled={busy} onClick={() => void apply()}>
              Apply the proposed sequence
            </button>
          </div>
        )}
        <ActionMessage message={result} testid="proposal-message" />
      </section>
    </div>
  );
}
