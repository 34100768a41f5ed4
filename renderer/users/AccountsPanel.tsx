import { useState } from 'react';
import { ROLES, ROLE_LABEL, type Result, type Role, type UserAdminView } from '../../core';
import { ActionMessage, type ActionResult } from '../shell/ActionMessage';
import { useClient, useSession } from '../shell/context';
import { useLiveQuery } from '../shell/useLiveQuery';
import { NewUserDialog, ResetPasswordDialog } from './UserDialogs';
import { UserTable } from './UserTable';

/** The users: a table, and what an administrator may do to the selected one. */
export function AccountsPanel() {
  const client = useClient();
  const { user: me } = useSession();
  // Account changes are not on the live stream: re-read after each action here, and on demand.
  const users = useLiveQuery('listUsers', {}, []);
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'new' | 'reset' | null>(null);
  const [role, setRole] = useState<Role | ''>('');
  const [message, setMessage] = useState<ActionResult>(null);
  const [busy, setBusy] = useState(false);
  const list = users.data ?? [];
  const current = list.find((u) => u.username === selected) ?? null;

  const act = async (what: string, call: () => Promise<Result<UserAdminView>>) => {
    setBusy(true);
    const r = await call();
    setBusy(false);
    users.reload();
    setMessage(r.ok ? { kind: 'info', text: `${r.value.displayName} (${r.value.username}): ${what}.` } : { kind: 'error', text: r.error.message });
  };

  const select = (username: string) => {
    setSelected(username);
    setRole('');
    setMessage(null);
  };

  return (
    <section className="panel" aria-labelledby="accounts-title">
      <div className="panel-head">
        <h2 id="accounts-title">Users</h2>
        <div className="row-actions">
          <button type="button" className="button" data-testid="users-reload" onClick={() => users.reload()}>
            Refresh
          </button>
          <button type="button" className="button button-primary" data-testid="user-new" onClick={() => setDialog('new')}>
            New user
          </button>
        </div>
      </div>
      {users.error && <p className="message message-error">The users cannot be read: {users.error.message}</p>}
      {users.data && <UserTable users={list} selected={selected} onSelect={select} />}
      {current ? (
        <div className="user-actions" data-testid="user-actions">
          <p className="dialog-subject">
            {current.displayName} ({current.username})
          </p>
          {current.state === 'active' ? (
            <button
              type="button"
              className="button"
              data-testid="user-disable"
              disabled={busy || current.username === me.username}
              title={current.username === me.username ? 'You cannot disable your own account.' : undefined}
              onClick={() => void act('disabled; their sessions ended', () => client.call('disableUser', { username: current.username }))}
            >
              Disable
            </button>
          ) : (
            <button type="button" className="button" data-testid="user-enable" disabled={busy} onClick={() => void act('enabled', () => client.call('enableUser', { username: current.username }))}>
              Enable
            </button>
          )}
          {current.lockedUntil && (
            <button type="button" className="button" data-testid="user-unlock" disabled={busy} onClick={() => void act('unlocked', () => client.call('unlockUser', { username: current.username }))}>
              Unlock
            </button>
          )}
          <button type="button" className="button" data-testid="user-reset" disabled={busy} onClick={() => setDialog('reset')}>
            Set temporary password…
          </button>
          <label className="field">
            <span>Role</span>
            <select data-testid="user-role" value={role || current.role} disabled={busy || current.username === me.username} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button"
            data-testid="user-role-apply"
            disabled={busy || role === '' || role === current.role}
            onClick={() => role !== '' && void act(`now ${ROLE_LABEL[role]}`, () => client.call('changeRole', { username: current.username, role }))}
          >
            Change role
          </button>
        </div>
      ) : (
        list.length > 0 && <p className="hint">Select a user to disable or enable them, change their role, set a temporary password or unlock them.</p>
      )}
      <ActionMessage message={message} testid="users-message" />
      {dialog === 'new' && (
        <NewUserDialog
          onClose={(created) => {
            setDialog(null);
            if (!created) return;
            users.reload();
            setSelected(created.username);
            setMessage({ kind: 'info', text: `${created.displayName} (${created.username}) created. Give them the temporary password: they choose their own at the first sign-in.` });
          }}
        />
      )}
      {dialog === 'reset' && current && (
        <ResetPasswordDialog
          user={current}
          onClose={(done) => {
            setDialog(null);
            if (!done) return;
            users.reload();
            setMessage({ kind: 'info', text: `${current.displayName} (${current.username}) has a temporary password; their sessions ended. They choose their own at the next sign-in.` });
          }}
        />
      )}
    </section>
  );
}
