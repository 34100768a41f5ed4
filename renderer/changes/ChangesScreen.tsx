import { useState } from 'react';
import { can, type ChangeView } from '../../core';
import { useSession } from '../shell/context';
import { formatDateTime } from '../shell/format';
import { useLiveQuery } from '../shell/useLiveQuery';
import { AppliedDispositions } from './AppliedDispositions';
import { ChangeDecision } from './ChangeDecision';
import { ImpactPanel } from './ImpactView';
import { InstructionCards } from './InstructionCards';
import { RevisionDiffView } from './RevisionDiffView';
import './changes.css';

const effectivityText = (e: ChangeView['effectivity']): string =>
  e.kind === 'all-open'
    ? 'all open work'
    : e.kind === 'new-orders'
      ? 'new orders only'
      : e.kind === 'from-order'
        ? `from order ${e.order} on`
        : e.kind === 'from-serial'
          ? `from serial ${e.serial} on`
          : `from ${e.date}`;

/** Engineering changes: the list, live, and a change's new revision beside the one it replaces, what changed marked. */
export function ChangesScreen() {
  const { user } = useSession();
  const list = useLiveQuery('listChanges', {}, ['changes']);
  const [selected, setSelected] = useState<string | null>(null);
  const changes = list.data ?? [];
  const open = changes.find((c) => c.number === selected) ?? null;
  return (
    <div className="changes-screen" data-testid="changes-screen">
      {list.error && (
        <p className="message message-error" role="alert">
          {list.error.message}
        </p>
      )}
      {list.data && changes.length === 0 && (
        <p className="empty">No engineering change has come in. Engineering releases one over the API (POST /api/v1/changes) or as a file in the import folder.</p>
      )}
      {changes.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="changes-table">
            <thead>
              <tr>
                <th scope="col">Change</th>
                <th scope="col">Product</th>
                <th scope="col">Revision</th>
                <th scope="col">Status</th>
                <th scope="col">Reaches</th>
                <th scope="col">Why</th>
                <th scope="col">Released</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.number} data-testid="change-row" data-number={c.number} aria-selected={c.number === selected} className={c.number === selected ? 'selected' : undefined}>
                  <td>
                    <button type="button" className="link-button mono" data-testid="change-open" onClick={() => setSelected(c.number)}>
                      {c.number}
                    </button>
                  </td>
                  <td>{c.product}</td>
                  <td>
                    {c.fromRevision} → <strong>{c.toRevision}</strong>
                  </td>
                  <td data-testid="change-status">{c.status}</td>
                  <td>{effectivityText(c.effectivity)}</td>
                  <td>{c.reason}</td>
                  <td>
                    {formatDateTime(c.submittedAt)} · {c.submittedBy}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && can(user.role, 'master.define') && <ChangeDecision change={open} />}
      {open?.status === 'approved' && <AppliedDispositions change={open.number} />}
      {/* Once approved the work follows the new revision: what was worked out before stands in the record, not here. */}
      {open && open.status !== 'approved' && <ImpactPanel change={open.number} pending={open.status === 'pending'} />}
      {open && <RevisionDiffView change={open} />}
      {open && <InstructionCards change={open} />}
    </div>
  );
}
