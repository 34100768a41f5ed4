import { useEffect, useState } from 'react';
import { can } from '../../core';
import { ActionMessage, type ActionResult } from '../shell/ActionMessage';
import { useClient, useSession } from '../shell/context';
import { useLiveQuery } from '../shell/useLiveQuery';
import { textToTree, treeToText } from './reason-text';

/** The line's downtime reasons, as engineers set them: a tree of up to three levels, each reason with its loss. */
export function ReasonTreeEditor() {
  const client = useClient();
  const { user } = useSession();
  const current = useLiveQuery('downtimeReasons', {}, ['oee']);
  const [text, setText] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const [message, setMessage] = useState<ActionResult>(null);
  const allowed = can(user.role, 'line.configure');
  useEffect(() => {
    if (current.data && !touched) setText(treeToText(current.data.tree));
  }, [current.data, touched]);
  if (text === null) return <p className="muted">{current.error?.message ?? 'Reading the reasons…'}</p>;
  const save = async () => {
    const parsed = textToTree(text);
    if (!parsed.ok) return setMessage({ kind: 'error', text: parsed.message });
    const r = await client.call('setDowntimeReasons', { tree: parsed.tree });
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    setTouched(false);
    setMessage({ kind: 'info', text: 'Reasons saved: operators and shift leads choose from them from now on.' });
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid="reason-tree"
    >
      <p className="muted">
        {current.data?.isDefault ? 'The default reasons: change them to the line’s own. ' : ''}One reason a line: CODE Name [loss], two spaces of indent a level
        deeper. Losses: breakdown, setup, small-stop (a group’s loss holds for its reasons unless they say their own).
      </p>
      <label className="field">
        <span>Reasons</span>
        <textarea
          data-testid="reason-tree-text"
          rows={18}
          spellCheck={false}
          className="mono"
          value={text}
          disabled={!allowed}
          onChange={(e) => {
            setTouched(true);
            setText(e.target.value);
          }}
        />
      </label>
      <div className="dialog-buttons">
        <button type="submit" className="button button-primary" data-testid="reason-tree-save" disabled={!allowed}>
          Save reasons
        </button>
      </div>
      {!allowed && <p className="notice">Read-only: engineers and administrators set the reasons.</p>}
      <ActionMessage message={message} testid="reason-tree-message" />
    </form>
  );
}
