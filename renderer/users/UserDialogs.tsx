import { useState } from 'react';
import { ROLES, ROLE_LABEL, type Role, type UserAdminView } from '../../core';
import { useClient } from '../shell/context';
import { Modal } from '../shell/Modal';

function Buttons({ busy, confirm, testid, onCancel }: { busy: boolean; confirm: string; testid: string; onCancel: () => void }) {
  return (
    <div className="dialog-buttons">
      <button type="submit" className="button button-primary" data-testid={`${testid}-submit`} disabled={busy}>
        {busy ? 'Saving…' : confirm}
      </button>
      <button type="button" className="button" data-testid={`${testid}-cancel`} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

function Refusal({ text, testid }: { text: string | null; testid: string }) {
  return (
    <div className="message message-error" role="alert" data-testid={`${testid}-error`} hidden={text === null}>
      {text}
    </div>
  );
}

/** A new user with a temporary password, which they replace at the first sign-in. */
export function NewUserDialog({ onClose }: { onClose: (created: UserAdminView | null) => void }) {
  const client = useClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const r = await client.call('createUser', { username: username.trim(), displayName, role, password });
    setBusy(false);
    if (r.ok) onClose(r.value);
    else setError(r.error.message);
  };
  return (
    <Modal title="New user" testid="new-user" onCancel={() => onClose(null)} onSubmit={() => void submit()}>
      <label className="field">
        <span>User name (lower-case letters, digits, . _ -; never used again once taken)</span>
        <input data-testid="new-user-name" autoFocus autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label className="field">
        <span>Name people know them by</span>
        <input data-testid="new-user-display" autoComplete="off" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <label className="field">
        <span>Role</span>
        <select data-testid="new-user-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Temporary password (tell it to them; they choose their own at the first sign-in)</span>
        <input data-testid="new-user-password" type="text" autoComplete="off" spellCheck={false} value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <Refusal text={error} testid="new-user" />
      <Buttons busy={busy} confirm="Create user" testid="new-user" onCancel={() => onClose(null)} />
    </Modal>
  );
}

/** A temporary password for a user who forgot theirs: their sessions end, and they choose their own at the next sign-in. */
export function ResetPasswordDialog({ user, onClose }: { user: UserAdminView; onClose: (done: boolean) => void }) {
  const client = useClient();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const r = await client.call('resetPassword', { username: user.username, password });
    setBusy(false);
    if (r.ok) onClose(true);
    else setError(r.error.message);
  };
  return (
    <Modal title={`Temporary password for ${user.displayName}`} testid="reset-password" onCancel={() => onClose(false)} onSubmit={() => void submit()}>
      <p className="hint">Their open sessions end now. They sign in with this password and must choose their own at once.</p>
      <label className="field">
        <span>Temporary password</span>
        <input data-testid="reset-password-input" type="text" autoFocus autoComplete="off" spellCheck={false} value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <Refusal text={error} testid="reset-password" />
      <Buttons busy={busy} confirm="Set password" testid="reset-password" onCancel={() => onClose(false)} />
    </Modal>
  );
}
