import type { OrderView, Role } from '../../core';
import { ACTIONS, whyNot, type ActionSpec } from './actions';

export interface ToolbarProps {
  readonly selected: OrderView | null;
  readonly orders: readonly OrderView[];
  readonly role: Role;
  readonly busy: boolean;
  readonly onAction: (action: ActionSpec) => void;
  /** The selected order's history from the record, with its signatures. */
  readonly onHistory: () => void;
}

/** Actions on the selected order. A button is enabled only if the status allows it and the role may do it. */
export function OrderToolbar({ selected, orders, role, busy, onAction, onHistory }: ToolbarProps) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Order actions" data-testid="order-toolbar">
      <span className="toolbar-selection" data-testid="order-selected">
        {selected ? (
          <>
            Selected: <strong>{selected.number}</strong>
          </>
        ) : (
          <span className="muted">No order selected</span>
        )}
      </span>
      {ACTIONS.map((action) => {
        const reason = whyNot(action, selected, role, orders);
        return (
          <button
            key={action.id}
            type="button"
            className="button"
            data-testid={`order-${action.id}`}
            disabled={busy || reason !== null}
            title={reason ?? (action.shortcut ? `${action.label} (${action.shortcut.replace('Arrow', '')})` : action.label)}
            aria-keyshortcuts={action.shortcut}
            onClick={() => onAction(action)}
          >
            {action.label}
            {action.shortcut && <kbd>{action.shortcut.replace('Arrow', '').replace('Up', '↑').replace('Down', '↓')}</kbd>}
          </button>
        );
      })}
      <button type="button" className="button" data-testid="order-history-open" disabled={!selected} title="Who did what to this order, when, why, and their signatures" onClick={onHistory}>
        History…
      </button>
    </div>
  );
}
