import type { KeyboardEvent } from 'react';
import { ROLE_LABEL, type UserAdminView } from '../../core';
import { formatDateTime } from '../shell/format';

/** A user's state in words: disabled, locked until when, waiting to choose a password, or active. */
function stateText(u: UserAdminView): { text: string; abnormal: boolean } {
  if (u.state === 'disabled') return { text: 'Disabled', abnormal: false };
  if (u.lockedUntil) return { text: `Locked until ${formatDateTime(u.lockedUntil)}`, abnormal: true };
  if (u.mustChangePassword) return { text: 'Active · temporary password', abnormal: false };
  return { text: 'Active', abnormal: false };
}

/** Every user; ↑/↓ or click selects, the selected row is the tab stop. */
export function UserTable({ users, selected, onSelect }: { users: readonly UserAdminView[]; selected: string | null; onSelect: (username: string) => void }) {
  const index = users.findIndex((u) => u.username === selected);
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const next = event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' ? index - 1 : -2;
    const target = users[next];
    if (!target) return;
    event.preventDefault();
    onSelect(target.username);
    event.currentTarget.querySelector<HTMLElement>(`tr[data-index="${next}"]`)?.focus();
  };
  return (
    <div className="table-scroll">
      <table className="table" role="grid" aria-label="Users" data-testid="user-table">
        <thead>
          <tr>
            <th scope="col">User name</th>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">State</th>
            <th scope="col">Last sign-in</th>
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {users.map((u, i) => {
            const state = stateText(u);
            const isSelected = u.username === selected;
            return (
              <tr
                key={u.username}
                data-index={i}
                data-testid={`user-row-${u.username}`}
                className={isSelected ? 'selected' : undefined}
                aria-selected={isSelected}
                tabIndex={isSelected || (index < 0 && i === 0) ? 0 : -1}
                onClick={() => onSelect(u.username)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onSelect(u.username)}
              >
                <th scope="row" className="mono">
                  {u.username}
                </th>
                <td>{u.displayName}</td>
                <td data-testid={`user-role-${u.username}`}>{ROLE_LABEL[u.role]}</td>
                <td data-testid={`user-state-${u.username}`} className={state.abnormal ? 'user-state-abnormal' : undefined}>
                  {state.text}
                </td>
                <td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt) : 'never'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
