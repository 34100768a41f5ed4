import { useRef, type KeyboardEvent } from 'react';
import type { AlarmView } from '../../core';
import { formatDateTime, formatTime } from '../shell/format';
import { flashes, formatValue, stateKey, stateText } from './model';
import { Priority } from './PriorityIcon';

/**
 * The alarm list as a grid of rows: click or ↑/↓/Home/End selects; the selected row is the one tab stop.
 * Each row is `alarm-row-<alarm id>` with data-state (unack-active, ack-active, unack-returned, normal, shelved).
 */
export function AlarmTable({
  alarms,
  selected,
  onSelect,
}: {
  alarms: readonly AlarmView[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const index = alarms.findIndex((a) => a.id === selected);

  const move = (event: KeyboardEvent) => {
    let next = -1;
    if (event.key === 'ArrowDown') next = Math.min(alarms.length - 1, index + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, index - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = alarms.length - 1;
    const alarm = alarms[next];
    if (!alarm) return;
    event.preventDefault();
    onSelect(alarm.id);
    bodyRef.current?.querySelector<HTMLElement>(`tr[data-index="${next}"]`)?.focus();
  };

  return (
    <div className="table-scroll alarm-table-scroll">
      <table className="table alarm-table" role="grid" aria-label="Alarms" data-testid="alarm-table">
        <thead>
          <tr>
            <th scope="col">Priority</th>
            <th scope="col">Message</th>
            <th scope="col">Work center</th>
            <th scope="col">State</th>
            <th scope="col">Value</th>
            <th scope="col">Raised at</th>
          </tr>
        </thead>
        <tbody ref={bodyRef} onKeyDown={move}>
          {alarms.map((a, i) => {
            const isSelected = a.id === selected;
            const key = stateKey(a);
            return (
              <tr
                key={a.id}
                data-index={i}
                data-testid={`alarm-row-${a.id}`}
                data-state={key}
                className={`alarm-row alarm-row-${key}${isSelected ? ' selected' : ''}`}
                aria-selected={isSelected}
                tabIndex={isSelected || (index < 0 && i === 0) ? 0 : -1}
                onClick={() => onSelect(a.id)}
                onFocus={() => onSelect(a.id)}
              >
                <td>
                  <Priority priority={a.priority} flash={flashes(a)} quiet={key === 'normal' || key === 'shelved'} />
                </td>
                <td className="alarm-message" data-testid="alarm-message">
                  {a.message}
                  {a.shelveReason && a.shelvedUntil && <div className="muted small">Shelved: {a.shelveReason}</div>}
                </td>
                <td>{a.workCenter ?? '–'}</td>
                <td className={key === 'unack-active' || key === 'unack-returned' ? 'alarm-state-unack' : undefined}>{stateText(a)}</td>
                <td className="tabular">{formatValue(a.lastValue)}</td>
                <td className="tabular" title={a.raisedAt ? formatDateTime(a.raisedAt) : undefined}>
                  {a.raisedAt ? formatTime(a.raisedAt) : '–'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
