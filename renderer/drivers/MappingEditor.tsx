import { useEffect, useState } from 'react';
import { WORK_CENTER_SIGNALS, mappingFromPlcFolders, type ConfigView, type LineFolders, type LineMapping, type TagRef } from '../../core';
import { ActionMessage, type ActionResult } from '../shell/ActionMessage';
import { useClient } from '../shell/context';
import { fullTag, shortTag } from '../shell/tags';
import { incomplete, refusalText, setSignal, SIGNAL_HELP } from './mapping';

export interface MappingEditorProps {
  readonly config: ConfigView;
  readonly workCenters: readonly string[];
  /** The line as set up, with its work centers' PLC folders (null while there is none). */
  readonly line: LineFolders | null;
  /** The selected OPC UA connection, which "Fill from PLC folders" maps to (null: none selected, or not OPC UA). */
  readonly connection: string | null;
  /** The tag last picked in the tree, for "Use picked". */
  readonly picked: TagRef | null;
  readonly canEdit: boolean;
}

/** Each work center signal → connection + address; typed, or taken from the tree. Saved whole; the station validates. */
export function MappingEditor({ config, workCenters, line, connection, picked, canEdit }: MappingEditorProps) {
  const client = useClient();
  const [draft, setDraft] = useState<LineMapping>(config.mapping);
  const [dirty, setDirty] = useState(false);
  const [wc, setWc] = useState(workCenters[0] ?? '');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ActionResult>(null);
  const off = !canEdit || busy;

  // Someone else saved (or our save came back): follow the station unless there are unsaved edits here.
  useEffect(() => {
    if (!dirty) setDraft(config.mapping);
  }, [config.mapping, dirty]);

  const change = (next: LineMapping) => {
    setDraft(next);
    setDirty(true);
  };
  const signals = draft.workCenters.find((w) => w.workCenter === wc)?.signals ?? {};

  const folders = line?.workCenters.filter((w) => w.plcFolder.trim() !== '').length ?? 0;
  const fill = () => {
    if (!line || !connection) return;
    const next = mappingFromPlcFolders(draft, line, connection);
    change(next);
    setMessage({ kind: 'info', text: `Unmapped signals of ${folders} work center(s) filled from their PLC folders on ${connection}. Check them, then save.` });
  };

  const save = async () => {
    const missing = incomplete(draft);
    if (missing) return setMessage({ kind: 'error', text: missing });
    setBusy(true);
    const result = await client.call('saveMapping', draft);
    setBusy(false);
    if (!result.ok) return setMessage({ kind: 'error', text: refusalText(result.error.message, result.error.details) });
    setDirty(false);
    setDraft(result.value.mapping);
    setMessage({ kind: 'info', text: 'Mapping saved and applied.' });
  };

  const refRow = (label: string, help: string, ref: TagRef | null | undefined, set: (r: TagRef | null) => void, testid: string) => (
    <tr key={testid} data-testid={testid}>
      <th scope="row">
        {label} <div className="muted small">{help}</div>
      </th>
      <td>
        <select
          aria-label={`${label}: connection`}
          value={ref?.connection ?? ''}
          disabled={off}
          onChange={(e) => set(e.target.value ? { connection: e.target.value, address: ref?.address ?? '' } : null)}
        >
          <option value="">– not mapped –</option>
          {config.connections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.id}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          className="mono mapping-address"
          aria-label={`${label}: address`}
          value={ref?.address ?? ''}
          disabled={off || !ref?.connection}
          onChange={(e) => set({ connection: ref?.connection ?? '', address: e.target.value })}
        />
      </td>
      <td className="row-actions">
        <button
          type="button"
          className="button button-small"
          disabled={off || !picked}
          title={picked ? fullTag(picked) : 'Pick a tag in the tree first'}
          onClick={() => picked && set(picked)}
        >
          Use picked
        </button>
      </td>
    </tr>
  );

  return (
    <form
      className="mapping"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      noValidate
      data-testid="mapping-editor"
    >
      <div className="form-row">
        <label className="field">
          <span>Work center</span>
          <select data-testid="mapping-work-center" value={wc} onChange={(e) => setWc(e.target.value)}>
            {workCenters.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
        <p className="hint mapping-picked">
          Picked in the tree:{' '}
          {picked ? (
            <span className="mono" title={fullTag(picked)}>
              {shortTag(picked)}
            </span>
          ) : (
            'nothing yet – move through the tree and stop on a tag'
          )}
        </p>
      </div>
      <table className="table mapping-table">
        <thead>
          <tr>
            <th scope="col">Signal</th>
            <th scope="col">Connection</th>
            <th scope="col">Address</th>
            <th scope="col">
              <span className="sr-only">Pick</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {WORK_CENTER_SIGNALS.map((s) => refRow(s, SIGNAL_HELP[s], signals[s], (r) => change(setSignal(draft, wc, s, r)), `mapping-${wc}-${s}`))}
          {refRow(
            'nextSerial (line)',
            'where the station writes the next unit’s serial',
            draft.nextSerial,
            (r) => change({ ...draft, nextSerial: r }),
            'mapping-next-serial',
          )}
        </tbody>
      </table>
      <div className="dialog-buttons">
        <button type="submit" className="button button-primary" data-testid="mapping-save" disabled={off || !dirty}>
          {busy ? 'Saving…' : 'Save mapping'}
        </button>
        <button
          type="button"
          className="button"
          disabled={off || !dirty}
          onClick={() => {
            setDraft(config.mapping);
            setDirty(false);
            setMessage(null);
          }}
        >
          Discard changes
        </button>
        <button
          type="button"
          className="button"
          data-testid="mapping-fill"
          disabled={off || !line || !connection || folders === 0}
          title={
            !connection
              ? 'Select an OPC UA connection above'
              : folders === 0
                ? 'No work center has a PLC folder (Line setup)'
                : `Map every unmapped signal to <line>.<PLC folder>.<Tag> on ${connection}`
          }
          onClick={fill}
        >
          Fill from PLC folders
        </button>
        {dirty && <span className="muted">Unsaved changes</span>}
      </div>
      <ActionMessage message={message} testid="mapping-message" />
    </form>
  );
}
