import type { PlannedRow } from '../../core';
import { Indicator } from '../shell/Indicator';
import { formatDateTime } from '../shell/format';

/** One dispatch list as the plan has it: place, order, ETA, late and short marked in words and a shape. */
export function SequenceTable({ rows, caption, testid, movedFrom }: { rows: readonly PlannedRow[]; caption: string; testid: string; movedFrom?: ReadonlyMap<string, number> }) {
  return (
    <table className="table" data-testid={testid}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Order</th>
          <th scope="col">Product</th>
          <th scope="col">ETA</th>
          <th scope="col">Due</th>
          <th scope="col">Material</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const was = movedFrom?.get(r.number);
          const moved = was !== undefined && was !== r.position;
          return (
            <tr key={r.number} data-testid="sequence-row" data-number={r.number} data-moved={moved || undefined} className={moved ? 'diff-changed' : undefined}>
              <td>
                {r.position}
                {moved && <span className="muted"> (was {was})</span>}
              </td>
              <td className="mono">
                {r.number}
                {r.locked && <span className="muted"> · on the line</span>}
              </td>
              <td>{r.product}</td>
              <td>
                {r.eta ? formatDateTime(r.eta) : 'held'}
                {r.late && (
                  <span className="cell-abnormal">
                    {' '}
                    <Indicator kind="attention" /> late
                  </span>
                )}
              </td>
              <td>{r.dueDate}</td>
              <td>
                {r.short.length === 0 ? (
                  <span className="muted">fed</span>
                ) : (
                  <span className="cell-abnormal" data-testid="sequence-short">
                    <Indicator kind="attention" /> short: {r.short.join('; ')}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
