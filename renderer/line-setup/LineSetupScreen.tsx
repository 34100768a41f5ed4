import { useEffect, useState } from 'react';
import { ROLE_LABEL, can } from '../../core';
import { ActionMessage, type ActionResult } from '../shell/ActionMessage';
import { useClient, useSession } from '../shell/context';
import { useLiveQuery } from '../shell/useLiveQuery';
import { emptyDraft, fromDraft, newWorkCenter, toDraft, type LineDraft, type WorkCenterDraft } from './draft';
import { WorkCenterRows } from './WorkCenterRows';

/**
 * Line setup (engineers): the line's place in the plant and its work centers in line order, what each does, where
 * its tags are and how its PLC's states map to PackML. Saved whole; the station records who changed what, and
 * refuses to take away a work center that units or orders still use.
 */
export function LineSetupScreen() {
  const client = useClient();
  const { user } = useSession();
  const current = useLiveQuery('getLineSetup', {}, ['line']);
  const [draft, setDraft] = useState<LineDraft | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ActionResult>(null);
  const canEdit = can(user.role, 'line.configure');
  const isNew = current.data === null;

  // The form starts from what the station has; a change saved elsewhere replaces an untouched form.
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (current.data === undefined || touched) return;
    setDraft(current.data ? toDraft(current.data) : emptyDraft());
  }, [current.data, touched]);

  if (!draft) {
    return (
      <section className="panel">
        <p className="muted" role="status">
          {current.error ? `The line setup cannot be read: ${current.error.message}` : 'Reading the line setup…'}
        </p>
      </section>
    );
  }

  const set = (patch: Partial<LineDraft>) => {
    setTouched(true);
    setDraft((d) => (d ? { ...d, ...patch } : d));
  };
  const setWorkCenters = (workCenters: readonly WorkCenterDraft[]) => set({ workCenters });

  const save = async () => {
    const setup = fromDraft(draft);
    if (!setup.ok) return setMessage({ kind: 'error', text: setup.message });
    setBusy(true);
    const result = await client.call('configureLine', setup.value);
    setBusy(false);
    if (!result.ok) return setMessage({ kind: 'error', text: result.error.message });
    setMessage({ kind: 'info', text: `Line ${result.value.line.id} saved with ${result.value.line.workCenters.length} work center(s). The mimic, board and terminals show it now.` });
    setTouched(false);
    setDraft(toDraft(result.value));
  };

  const disabled = !canEdit || busy;
  const field = (label: string, value: string, onChange: (v: string) => void, testid: string, fixed = false) => (
    <label className="field">
      <span>{label}</span>
      <input data-testid={testid} value={value} disabled={disabled || fixed} onChange={(e) => onChange(e.target.value)} autoComplete="off" />
    </label>
  );

  return (
    <section className="panel" aria-labelledby="line-setup-title" data-testid="line-setup">
      <div className="panel-head">
        <h2 id="line-setup-title">Line setup</h2>
        {isNew && <span className="muted">No line yet: describe it and its work centers, then save.</span>}
      </div>
      {!canEdit && (
        <p className="notice" data-testid="line-setup-readonly">
          Read-only: your role ({ROLE_LABEL[user.role]}) may look at the line setup but not change it. An engineer or administrator can.
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <div className="form-grid">
          {field('Site id', draft.siteId, (v) => set({ siteId: v }), 'setup-site-id')}
          {field('Site', draft.siteName, (v) => set({ siteName: v }), 'setup-site-name')}
          {field('Area id', draft.areaId, (v) => set({ areaId: v }), 'setup-area-id')}
          {field('Area', draft.areaName, (v) => set({ areaName: v }), 'setup-area-name')}
          {field(isNew ? 'Line id (letters, digits, _ or -)' : 'Line id (fixed)', draft.lineId, (v) => set({ lineId: v }), 'setup-line-id', !isNew)}
          {field('Line', draft.lineName, (v) => set({ lineName: v }), 'setup-line-name')}
        </div>
        <h3>Work centers, in line order</h3>
        <WorkCenterRows rows={draft.workCenters} disabled={disabled} onChange={setWorkCenters} />
        <div className="dialog-buttons">
          <button type="button" className="button" data-testid="setup-add-wc" disabled={disabled} onClick={() => setWorkCenters([...draft.workCenters, newWorkCenter()])}>
            Add work center
          </button>
          <button type="submit" className="button button-primary" data-testid="setup-save" disabled={disabled}>
            {busy ? 'Saving…' : 'Save line'}
          </button>
        </div>
        <ActionMessage message={message} testid="setup-message" />
      </form>
    </section>
  );
}
