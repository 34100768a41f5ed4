import { useState, type FormEvent } from 'react';
import { CreateOrderRequest, type OrderView } from '../../core';
import { useClient } from '../shell/context';

const today = (): string => new Date().toISOString().slice(0, 10);

/** Receive an order by hand, as ERP would send it. Checked against the contract before it is sent. */
export function NewOrderForm({ onCreated, onClose }: { onCreated: (order: OrderView) => void; onClose: () => void }) {
  const client = useClient();
  const [fields, setFields] = useState({ number: '', product: '', revision: '', quantity: '1', dueDate: today(), priority: '5' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof fields) => (e: { target: { value: string } }) => setFields({ ...fields, [name]: e.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const missing = (['number', 'product', 'revision'] as const).find((name) => fields[name].trim() === '');
    if (missing) {
      setError(`${LABEL[missing]}: this field is required.`);
      return;
    }
    const input = CreateOrderRequest.safeParse({
      ...fields,
      quantity: Number(fields.quantity),
      priority: Number(fields.priority),
    });
    if (!input.success) {
      const issue = input.error.issues[0];
      setError(issue ? `${LABEL[String(issue.path[0])] ?? 'Form'}: ${issue.message}` : 'Check the form.');
      return;
    }
    setBusy(true);
    setError(null);
    const result = await client.call('createOrder', input.data);
    setBusy(false);
    if (result.ok) onCreated(result.value);
    else setError(result.error.message);
  };

  return (
    <form
      className="panel new-order"
      onSubmit={submit}
      noValidate
      aria-labelledby="new-order-title"
      data-testid="new-order-form"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <h2 id="new-order-title">New order</h2>
      <div className="form-row">
        <Field label="Order number" testid="new-order-number" value={fields.number} onChange={set('number')} autoFocus />
        <Field label="Product" testid="new-order-product" value={fields.product} onChange={set('product')} />
        <Field label="Revision" testid="new-order-revision" value={fields.revision} onChange={set('revision')} size={6} />
        <Field label="Quantity" testid="new-order-quantity" value={fields.quantity} onChange={set('quantity')} type="number" min={1} />
        <Field label="Due date" testid="new-order-due" value={fields.dueDate} onChange={set('dueDate')} type="date" />
        <Field label="Priority (1–9)" testid="new-order-priority" value={fields.priority} onChange={set('priority')} type="number" min={1} max={9} />
      </div>
      <div className="message message-error" role="alert" hidden={error === null} data-testid="new-order-error">
        {error}
      </div>
      <div className="dialog-buttons">
        <button type="submit" className="button button-primary" data-testid="new-order-submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create order'}
        </button>
        <button type="button" className="button" data-testid="new-order-cancel" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}

const LABEL: Record<string, string> = {
  number: 'Order number',
  product: 'Product',
  revision: 'Revision',
  quantity: 'Quantity',
  dueDate: 'Due date',
  priority: 'Priority',
};

interface FieldProps {
  label: string;
  testid: string;
  value: string;
  onChange: (e: { target: { value: string } }) => void;
  type?: string;
  min?: number;
  max?: number;
  size?: number;
  autoFocus?: boolean;
}

function Field({ label, testid, ...input }: FieldProps) {
  return (
    <label className="field">
      <span>{label}</span>
      <input data-testid={testid} {...input} />
    </label>
  );
}
