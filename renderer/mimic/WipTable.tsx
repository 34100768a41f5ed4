import type { WipItem } from '../../core';
import { formatAge, formatTime } from '../shell/format';
import { useClock } from '../shell/useClock';

const STATUS_LABEL: Record<WipItem['status'], string> = { queued: 'Queued', in_operation: 'In operation' };

/**
 * Every unit on the line, longest-waiting first within line order of work centers, with the operations it has left
 * and its ETA (remaining standard times scaled by the line's current performance).
 */
export function WipTable({ items, order }: { items: readonly WipItem[]; order: readonly string[] }) {
  const now = useClock(5000);
  const rank = (wc: string) => {
    const i = order.indexOf(wc);
    return i < 0 ? order.length : i;
  };
  const rows = [...items].sort((a, b) => rank(a.workCenter) - rank(b.workCenter) || a.since.localeCompare(b.since));

  return (
    <section className="panel wip" aria-labelledby="wip-title">
      <h2 id="wip-title">
        Units on the line <span className="muted">({items.length})</span>
      </h2>
      {rows.length === 0 ? (
        <p className="empty" data-testid="wip-empty">
          No units on the line. Dispatch a released order on the Orders tab (Alt+2) and the line starts building it.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="wip-table">
            <thead>
              <tr>
                <th scope="col">Serial</th>
                <th scope="col">Order</th>
                <th scope="col">Product</th>
                <th scope="col">Operation</th>
                <th scope="col">Work center</th>
                <th scope="col">Status</th>
                <th scope="col">Since</th>
                <th scope="col">Left</th>
                <th scope="col">ETA</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((item) => (
                <tr key={item.serial} data-testid={`wip-${item.serial}`}>
                  <td className="mono">{item.serial}</td>
                  <td>{item.order}</td>
                  <td>{item.product}</td>
                  <td>
                    {item.operation} {item.operationName}
                  </td>
                  <td>{item.workCenter}</td>
                  <td>
                    {STATUS_LABEL[item.status]}
                    {item.heldFor && ' '}
                    {item.heldFor && (
                      <span className="cell-abnormal" data-testid={`wip-held-${item.serial}`}>
                        ⚑ held: {item.heldFor}
                      </span>
                    )}
                  </td>
                  <td>
                    {formatTime(item.since)} <span className="muted">({formatAge(item.since, now)})</span>
                  </td>
                  <td title={`${item.remainingOperations} of ${item.operations} operations still to do`}>
                    {item.remainingOperations}/{item.operations} ops
                  </td>
                  <td data-testid={`wip-eta-${item.serial}`}>{formatTime(item.eta)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
