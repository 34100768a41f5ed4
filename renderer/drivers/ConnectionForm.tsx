import { useState } from 'react';
import { ROLE_LABEL, type ConnectionView } from '../../core';
import { ActionMessage, type ActionResult } from '../shell/ActionMessage';
import { useClient, useSession } from '../shell/context';
import { Modal } from '../shell/Modal';
import { KIND_LABEL, toConfig, type ConnectionDraft } from './draft';
import { KindFields } from './KindFields';

export interface ConnectionFormProps {
  readonly initial: ConnectionDraft;
  readonly isNew: boolean;
  readonly canEdit: boolean;
  /** What the form says when it opens: the outcome of saving a new connection, whose form opens anew under its id. */
  readonly notice?: ActionResult;
  /** Saved: the station's view of the connection, and what the form said of it. */
  readonly onSaved: (view: ConnectionView, message: ActionResult) => void;
  readonly onRemoved: () => void;
}

/** Add or change one connection: Test tries it without saving; Save applies it live; Remove asks first. */
export function ConnectionForm({ initial, isNew, canEdit, notice = null, onSaved, onRemoved }: ConnectionFormProps) {
  const client = useClient();
  const { user } = useSession();
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState<null | 'test' | 'save' | 'remove'>(null);
  const [message, setMessage] = useState<ActionResult>(notice);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const disabled = !canEdit || busy !== null;
  const set = (patch: Partial<ConnectionDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const test = async () => {
    const config = toConfig(draft);
    if (!config.ok) return setMessage({ kind: 'error', text: config.message });
    setBusy('test');
    setMessage({ kind: 'info', text: `Testing ${config.value.id}… (the station gives up after about 10 s)` });
    const result = await client.call('testConnection', config.value);
    setBusy(null);
    if (!result.ok) return setMessage({ kind: 'error', text: result.error.message });
    const { ok, message: said, milliseconds } = result.value;
    setMessage({ kind: ok ? 'info' : 'error', text: `${ok ? 'Test passed' : 'Test failed'} after ${Math.round(milliseconds)} ms: ${said}` });
  };

  const save = async () => {
    const config = toConfig(draft);
    if (!config.ok) return setMessage({ kind: 'error', text: config.message });
    setBusy('save');
    const result = await client.call('saveConnection', config.value);
    setBusy(null);
    if (!result.ok) return setMessage({ kind: 'error', text: result.error.message });
    const saved: ActionResult = { kind: 'info', text: `Connection ${result.value.config.id} saved and applied: ${result.value.health.message}` };
    setMessage(saved);
    setDraft((d) => ({ ...d, password: '', passwordStored: d.passwordStored || d.password !== '' }));
    onSaved(result.value, saved);
  };

  const remove = async () => {
    setConfirmRemove(false);
    setBusy('remove');
    const result = await client.call('removeConnection', { id: draft.id });
    setBusy(null);
    if (!result.ok) return setMessage({ kind: 'error', text: result.error.message });
    onRemoved();
  };

  return (
    <>
      <form
        className="conn-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
        aria-label={`${KIND_LABEL[draft.kind]} connection`}
        data-testid="conn-form"
        data-kind={draft.kind}
      >
        {!canEdit && (
          <p className="notice" data-testid="conn-readonly">
            Read-only: your role ({ROLE_LABEL[user.role]}) may look at connections but not change them. An engineer or administrator can.
          </p>
        )}
        <div className="form-grid">
          <label className="field">
            <span>Id {isNew ? '(letters, digits, _ or -)' : '(fixed)'}</span>
            <input
              data-testid="conn-id"
              value={draft.id}
              disabled={disabled || !isNew}
              onChange={(e) => set({ id: e.target.value })}
              autoComplete="off"
            />
          </label>
          <label className="field">
            <span>Name</span>
            <input
              data-testid="conn-name"
              value={draft.name}
              disabled={disabled}
              onChange={(e) => set({ name: e.target.value })}
              autoComplete="off"
            />
          </label>
          <label className="field">
            <span>Protocol</span>
            <input value={KIND_LABEL[draft.kind]} disabled readOnly />
          </label>
          <label className="check">
            <input
              type="checkbox"
              data-testid="conn-enabled"
              checked={draft.enabled}
              disabled={disabled}
              onChange={(e) => set({ enabled: e.target.checked })}
            />{' '}
            Enabled
          </label>
          <KindFields draft={draft} set={set} disabled={disabled} />
        </div>
        <div className="dialog-buttons">
          <button type="button" className="button" data-testid="conn-test" disabled={disabled} onClick={() => void test()}>
            {busy === 'test' ? 'Testing…' : 'Test'}
          </button>
          <button type="submit" className="button button-primary" data-testid="conn-save" disabled={disabled}>
            {busy === 'save' ? 'Saving…' : isNew ? 'Save new connection' : 'Save'}
          </button>
          {!isNew && (
            <button type="button" className="button" data-testid="conn-remove" disabled={disabled} onClick={() => setConfirmRemove(true)}>
              Remove…
            </button>
          )}
        </div>
        <ActionMessage message={message} testid="conn-message" />
      </form>
      {confirmRemove && (
        <Modal
          title={`Remove connection ${draft.id}?`}
          testid="conn-remove-dialog"
          onCancel={() => setConfirmRemove(false)}
          onSubmit={() => void remove()}
        >
          <p>Its tags stop updating at once. Signals mapped to it, alarms and historized tags on it need another connection.</p>
          <div className="dialog-buttons">
            <button type="submit" className="button button-primary" data-testid="conn-remove-confirm" autoFocus>
              Remove
            </button>
            <button type="button" className="button" onClick={() => setConfirmRemove(false)}>
              Back
            </button>
          </div>
        </Modal>
      )}
    </>
  );
}
