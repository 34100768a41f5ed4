import { useState } from 'react';
import { ROLE_LABEL } from '../../core';
import { ActionMessage, type ActionResult } from '../shell/ActionMessage';
import { useClient } from '../shell/context';
import { formatDateTime, formatTime } from '../shell/format';
import { useLiveQuery } from '../shell/useLiveQuery';

/** Sessions open now: who, from where, since and until when; an administrator ends one at once. */
export function SessionsPanel() {
  const client = useClient();
  const sessions = useLiveQuery('listSessions', {}, []);
  const [message, setMessage] = useState<ActionResult>(null);
  const list = sessions.data ?? [];

  const end = async (id: string, who: string) => {
    const r = await client.call('revokeSession', { id });
    sessions.reload();
    setMessage(r.ok ? { kind: 'info', text: `${who}'s session ended. Their screens are signed out at their next action.` } : { kind: 'error', text: r.error.message });
  };

  return (
    <section className="panel" aria-labelledby="sessions-title">
      <div className="panel-head">
        <h2 id="sessions-title">Open sessions</h2>
        <button type="button" className="button" data-testid="sessions-reload" onClick={() => sessions.reload()}>
          Refresh
        </button>
      </div>
      {sessions.error && <p className="message message-error">The sessions cannot be read: {sessions.error.message}</p>}
      {sessions.data && list.length === 0 && <p className="empty">No session is open (yours too has ended: sign in again).</p>}
      {list.length > 0 && (
        <div className="table-scroll">
          <table className="table" aria-label="Open sessions" data-testid="session-table">
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Role</th>
                <th scope="col">Address</th>
                <th scope="col">Started</th>
                <th scope="col">Last active</th>
                <th scope="col">Idle ends</th>
                <th scope="col">Ends</th>
                <th scope="col">
                  <span className="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.id} data-testid={`session-row-${s.username}`}>
                  <th scope="row">
                    {s.displayName} <span className="muted mono">({s.username})</span>
                    {s.current && <span className="muted"> · this session</span>}
                    {s.mustChangePassword && <span className="muted"> · choosing a password</span>}
                  </th>
                  <td>{ROLE_LABEL[s.role]}</td>
                  <td className="mono">{s.address}</td>
                  <td>{formatDateTime(s.startedAt)}</td>
                  <td>{formatTime(s.lastSeenAt)}</td>
                  <td>{formatTime(s.idleExpiresAt)}</td>
                  <td>{formatDateTime(s.expiresAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-small"
                      data-testid={`session-end-${s.username}`}
                      title={s.current ? 'Ends this session: you are signed out.' : `Ends ${s.displayName}'s session at once.`}
                      onClick={() => void end(s.id, s.displayName)}
                    >
                      End
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ActionMessage message={message} testid="sessions-message" />
    </section>
  );
}
