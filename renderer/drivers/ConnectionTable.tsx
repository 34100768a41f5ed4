import type { KeyboardEvent } from 'react';
import type { ConnectionView } from '../../core';
import { formatAge } from '../shell/format';
import { Indicator } from '../shell/Indicator';
import { useClock } from '../shell/useClock';
import { KIND_LABEL } from './draft';

/** Health as shape + words: connected (hollow circle), disabled (no-data square), otherwise the octagon and the driver's message. */
export function Health({ view, now }: { view: ConnectionView; now: Date }) {
  if (!view.config.enabled) {
    return (
      <span className="health" data-health="disabled">
        <Indicator kind="no-data" /> Disabled
      </span>
    );
  }
  if (view.health.connected) {
    return (
      <span className="health" data-health="connected">
        <Indicator kind="ok" /> Connected <span className="muted">for {formatAge(view.health.since, now)}</span>
      </span>
    );
  }
  return (
    <span className="health cell-abnormal" data-health="disconnected" title={view.health.message}>
      <Indicator kind="stopped" /> Not connected: {view.health.message}
    </span>
  );
}

/** Every connection with health and counters; ↑/↓ or click selects, the selected row is the tab stop. */
export function ConnectionTable({
  connections,
  selected,
  onSelect,
}: {
  connections: readonly ConnectionView[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const now = useClock(5000);
  const index = connections.findIndex((c) => c.config.id === selected);
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const next = event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' ? index - 1 : -2;
    const target = connections[next];
    if (!target) return;
    event.preventDefault();
    onSelect(target.config.id);
    event.currentTarget.querySelector<HTMLElement>(`tr[data-index="${next}"]`)?.focus();
  };
  return (
    <div className="table-scroll conn-table-scroll">
      <table className="table" role="grid" aria-label="Connections" data-testid="conn-table">
        <thead>
          <tr>
            <th scope="col">Connection</th>
            <th scope="col">Protocol</th>
            <th scope="col">Address</th>
            <th scope="col">Health</th>
            <th scope="col">Updates</th>
            <th scope="col">Rejected</th>
            <th scope="col">Last rejection</th>
            <th scope="col">Reconnects</th>
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {connections.map((c, i) => {
            const isSelected = c.config.id === selected;
            return (
              <tr
                key={c.config.id}
                data-index={i}
                data-testid={`conn-row-${c.config.id}`}
                className={isSelected ? 'selected' : undefined}
                aria-selected={isSelected}
                tabIndex={isSelected || (index < 0 && i === 0) ? 0 : -1}
                onClick={() => onSelect(c.config.id)}
              >
                <td className="conn-name">
                  <strong>{c.config.id}</strong>
                  <div className="muted small">{c.config.name}</div>
                </td>
                <td>{KIND_LABEL[c.config.kind]}</td>
                <td className="mono ellipsis" title={c.health.endpoint}>
                  {c.health.endpoint}
                </td>
                <td className="ellipsis health-cell">
                  <Health view={c} now={now} />
                </td>
                <td className="tabular">{c.stats.updates}</td>
                <td className="tabular">{c.stats.rejected > 0 ? <strong>{c.stats.rejected}</strong> : 0}</td>
                <td className="ellipsis" title={c.stats.lastRejection ?? undefined}>
                  {c.stats.lastRejection ?? '–'}
                </td>
                <td className="tabular">{c.stats.reconnects}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
