import { useState } from 'react';
import { ROLE_LABEL, can } from '../../core';
import { useSession } from '../shell/context';
import { Tabs, type TabSpec } from '../shell/Tabs';
import { AccountsPanel } from './AccountsPanel';
import { PolicyPanel } from './PolicyPanel';
import { SessionsPanel } from './SessionsPanel';
import './users.css';

type Part = 'accounts' | 'sessions' | 'policy';
const PARTS: readonly TabSpec<Part>[] = [
  { id: 'accounts', label: 'Users', shortcut: '' },
  { id: 'sessions', label: 'Open sessions', shortcut: '' },
  { id: 'policy', label: 'Password and session policy', shortcut: '' },
];

/**
 * User administration (administrators): accounts (create, disable and enable, role, temporary password, unlock),
 * the sessions open now (end one at once), the account policy. The station checks the role on every call; this
 * screen only spares others the calls it would refuse.
 */
export function UsersScreen() {
  const { user } = useSession();
  const [part, setPart] = useState<Part>('accounts');
  if (!can(user.role, 'users.manage')) {
    return (
      <section className="panel" data-testid="users-readonly">
        <h2>Users</h2>
        <p className="notice">
          Only an administrator manages users. Your role ({ROLE_LABEL[user.role]}) may change its own password (Change password, at the top). Ask an administrator to
          create an account, reset a forgotten password or unlock a locked account.
        </p>
      </section>
    );
  }
  return (
    <div className="users-screen" data-testid="users-screen">
      <Tabs tabs={PARTS} active={part} onSelect={setPart} label="User administration" />
      <div id={`panel-${part}`} role="tabpanel" aria-labelledby={`tab-${part}`}>
        {part === 'accounts' && <AccountsPanel />}
        {part === 'sessions' && <SessionsPanel />}
        {part === 'policy' && <PolicyPanel />}
      </div>
    </div>
  );
}
