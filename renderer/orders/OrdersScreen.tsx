import { useEffect, useMemo, useRef, useState } from 'react';
import { can, ROLE_LABEL, type OrderActionRequest, type OrderView } from '../../core';
import { useClient, useSession } from '../shell/context';
import { useLiveQuery } from '../shell/useLiveQuery';
import { ACTIONS, boardOrder, splittable, whyNot, type ActionSpec } from './actions';
import { ImportPanel } from './ImportPanel';
import { NewOrderForm } from './NewOrderForm';
import { OrderGrid } from './OrderGrid';
import { OrderHistory } from './OrderHistory';
import { OrderToolbar } from './OrderToolbar';
import { ReasonDialog } from './ReasonDialog';
import { useQueuePatches } from './useQueuePatches';

type Message = { readonly kind: 'error' | 'info'; readonly text: string } | null;

const CONFIRM: Partial<Record<ActionSpec['id'], string>> = { hold: 'Hold order', cancel: 'Cancel order', resume: 'Resume order', split: 'Split order' };
const HINT_LABEL = { late: 'Late', changeover: 'Changeover', material: 'Material short', disposition: '⚑ Held for a disposition' } as const;

const EMPTY_TEXT = 'No open orders. Create one with New order, or send it from ERP to POST /api/v1/orders.';

/** The order board: dispatch list and open orders, actions on the selected one, new orders by hand. */
export function OrdersScreen() {
  const client = useClient();
  const { user } = useSession();
  const [showAll, setShowAll] = useState(false);
  // A board of thousands of orders is re-read at most every 2 s; moves show at once from the stream meanwhile.
  const [large, setLarge] = useState(false);
  const orders = useLiveQuery('listOrders', { status: showAll ? 'all' : 'open' }, ['orders'], large ? 2000 : undefined);
  const { rows: patched, listVersion: streamedVersion } = useQueuePatches(orders.data, orders.seq);
  useEffect(() => setLarge((orders.data?.length ?? 0) > 5000), [orders.data]);
  // Moves name the list version this screen shows: a move against a list someone else changed is refused, not guessed.
  const dispatchList = useLiveQuery('dispatchList', {}, ['orders'], large ? 2000 : undefined);
  const [selectedNumber, setSelectedNumber] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<ActionSpec | null>(null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [history, setHistory] = useState<string | null>(null);
  const selectAfterUpdate = useRef<string | null>(null);

  const rows = useMemo(() => [...(patched ?? [])].sort(boardOrder), [patched]);
  const selected = rows.find((o) => o.number === selectedNumber) ?? null;
  const mayCreate = can(user.role, 'orders.create');

  // The list this board shows: the last read, with the changes streamed since applied to it.
  const listVersion = () => {
    const v = Math.max(dispatchList.data?.version ?? -1, streamedVersion ?? -1);
    return v >= 0 ? { listVersion: v } : {};
  };

  const drop = async (number: string, toPosition: number) => {
    setBusy(true);
    const result = await client.call('orderAction', { number, action: 'move', toPosition, ...listVersion() });
    setBusy(false);
    if (result.ok) {
      setMessage({ kind: 'info', text: `Order ${number} moved to position ${toPosition}.` });
      selectAfterUpdate.current = number;
    } else {
      setMessage({ kind: 'error', text: result.error.message });
    }
    orders.reload();
    dispatchList.reload();
  };

  const perform = async (action: ActionSpec, order: OrderView, reason?: string, quantity?: number) => {
    const request: OrderActionRequest =
      action.id === 'move-up' || action.id === 'move-down'
        ? { number: order.number, action: 'move', direction: action.id === 'move-up' ? 'up' : 'down', ...listVersion() }
        : { number: order.number, action: action.id, ...(reason ? { reason } : {}), ...(quantity !== undefined ? { quantity } : {}) };
    setBusy(true);
    const result = await client.call('orderAction', request);
    setBusy(false);
    if (result.ok) {
      setMessage({ kind: 'info', text: `Order ${order.number} ${action.done}.` });
      if (request.action === 'move') selectAfterUpdate.current = order.number;
      orders.reload();
    } else {
      setMessage({ kind: 'error', text: result.error.message });
      if (request.action === 'move') orders.reload();
    }
    if (request.action === 'move') dispatchList.reload();
  };

  // The order may leave the list while its reason is being typed (completed, cancelled elsewhere).
  useEffect(() => {
    if (asking && !selected) setAsking(null);
  }, [asking, selected]);

  const start = (action: ActionSpec) => {
    if (!selected) return;
    if (action.needsReason || action.asks) setAsking(action);
    else void perform(action, selected);
  };

  // Alt+↑ / Alt+↓ move the selected order in the dispatch list, wherever the focus is on this screen.
  const keyHandler = useRef<(event: KeyboardEvent) => void>(() => undefined);
  keyHandler.current = (event) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') || asking || creating || busy) return;
    event.preventDefault();
    const action = ACTIONS.find((a) => a.id === (event.key === 'ArrowUp' ? 'move-up' : 'move-down'));
    if (!action) return;
    const why = whyNot(action, selected, user.role, rows);
    if (why !== null || !selected) setMessage({ kind: 'error', text: why ?? 'Select an order first.' });
    else void perform(action, selected);
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keyHandler.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <div className="orders-screen">
      <div className="orders-head">
        <h2>Orders</h2>
        <label className="check">
          <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} data-testid="orders-show-all" /> Show
          completed and cancelled
        </label>
        <button
          type="button"
          className="button"
          data-testid="order-new"
          disabled={!mayCreate || creating}
          title={mayCreate ? 'Receive a new production order' : `Your role (${ROLE_LABEL[user.role]}) may not create orders.`}
          onClick={() => setCreating(true)}
        >
          New order
        </button>
        <button
          type="button"
          className="button"
          data-testid="order-import"
          disabled={!mayCreate || importing}
          title={mayCreate ? 'Import ERP files: B2MML schedules and material definitions, JSON master data' : `Your role (${ROLE_LABEL[user.role]}) may not import orders.`}
          onClick={() => setImporting(true)}
        >
          Import…
        </button>
      </div>
      {importing && <ImportPanel onClose={() => setImporting(false)} onImported={() => orders.reload()} />}
      {creating && (
        <NewOrderForm
          onClose={() => setCreating(false)}
          onCreated={(order) => {
            setCreating(false);
            setMessage({ kind: 'info', text: `Order ${order.number} received (${order.quantity} × ${order.product} rev ${order.revision}).` });
            selectAfterUpdate.current = order.number;
            orders.reload();
          }}
        />
      )}
      <OrderToolbar selected={selected} orders={rows} role={user.role} busy={busy} onAction={start} onHistory={() => selected && setHistory(selected.number)} />
      <div className={`message${message ? ` message-${message.kind}` : ''}`} role="alert" data-testid="order-message" data-kind={message?.kind ?? 'none'}>
        {message && (message.kind === 'error' ? <strong>Not done: </strong> : null)}
        {message?.text}
      </div>
      {orders.error && (
        <p className="message message-error" role="alert" data-testid="orders-error">
          {orders.data ? 'Showing the last list read: ' : 'The orders cannot be read: '}
          {orders.error.message}
        </p>
      )}
      <div className={`order-board${orders.stale && orders.data ? ' stale' : ''}`} data-testid="order-board">
        {orders.loading && !orders.data ? (
          <p className="muted" role="status">
            Reading orders…
          </p>
        ) : rows.length === 0 && orders.data ? (
          <p className="empty" data-testid="orders-empty">
            {EMPTY_TEXT}
          </p>
        ) : (
          <OrderGrid orders={rows} onSelect={setSelectedNumber} selectAfterUpdate={selectAfterUpdate} onDrop={(n, to) => void drop(n, to)} />
        )}
      </div>
      <p className="hint">
        Keys: ↑/↓ select an order in the list · Tab reaches the buttons · <kbd>Alt+↑</kbd>/<kbd>Alt+↓</kbd> move the selected order in the
        dispatch list · <kbd>Alt+1</kbd> Line · <kbd>Alt+2</kbd> Orders
      </p>
      {selected && selected.hints.length > 0 && (
        <ul className="order-hints" data-testid="order-hints" aria-label={`Hints for order ${selected.number}`}>
          {selected.hints.map((h) => (
            <li key={h.kind + h.text} data-kind={h.kind}>
              <strong>{HINT_LABEL[h.kind]}:</strong> {h.text}
            </li>
          ))}
        </ul>
      )}
      {history && <OrderHistory number={history} onClose={() => setHistory(null)} />}
      {asking && selected && (
        <ReasonDialog
          request={{
            title: `${asking.label.replace('…', '')} order ${selected.number}`,
            confirm: CONFIRM[asking.id] ?? asking.label.replace('…', ''),
            ...(asking.asks === 'optional-reason' ? { optional: true } : {}),
            ...(asking.asks === 'quantity'
              ? { quantity: { label: `Units to move to a new order (at most ${splittable(selected)}; the new order keeps the due date and priority)`, max: splittable(selected) } }
              : {}),
          }}
          onDone={(answer) => {
            const action = asking;
            setAsking(null);
            if (answer !== null) void perform(action, selected, answer.reason, answer.quantity);
          }}
        />
      )}
    </div>
  );
}
