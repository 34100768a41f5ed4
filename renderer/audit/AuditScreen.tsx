import { useMemo, useState } from 'react';
import { AUDIT_OBJECTS, can, type AuditEntry, type AuditFilter } from '../../core';
import { useClient, useSession } from '../shell/context';
import { formatDateTime } from '../shell/format';
import { useLiveQuery } from '../shell/useLiveQuery';
import { RecordPanel } from './RecordPanel';
import { SignaturePolicyPanel } from './SignaturePolicyPanel';
import { SignatureList } from './SignatureList';
import { downloadBase64 } from './download';
import './audit.css';

const PAGE = 100;

/** A datetime-local value (the station's local time) as ISO UTC; '' when empty or not a time. */
const isoOf = (local: string): string | undefined => {
  if (!local) return undefined;
  const t = new Date(local);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
};

const short = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? '–' : s.length > 160 ? `${s.slice(0, 160)}…` : s;
};

/**
 * The audit trail for people: every event as who, what, when and why, before and after where something was changed,
 * and its signatures; filtered by user, object, type and time; live; exported for an auditor as CSV or PDF with the
 * chain's state and checkpoint.
 */
export function AuditScreen() {
  const client = useClient();
  const { user } = useSession();
  const [form, setForm] = useState({ user: '', objectKind: '', objectId: '', type: '', from: '', to: '' });
  const [applied, setApplied] = useState(form);
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [moreOlder, setMoreOlder] = useState<boolean | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);

  const filter = useMemo((): AuditFilter => {
    const f: Record<string, string> = {};
    if (applied.user.trim()) f.user = applied.user.trim();
    if (applied.objectKind) f.objectKind = applied.objectKind;
    if (applied.objectKind && applied.objectId.trim()) f.objectId = applied.objectId.trim();
    if (applied.type.trim()) f.type = applied.type.trim();
    const from = isoOf(applied.from);
    const to = isoOf(applied.to);
    if (from) f.from = from;
    if (to) f.to = to;
    return f as AuditFilter;
  }, [applied]);

  const trail = useLiveQuery('auditTrail', { ...filter, limit: PAGE }, ['audit'], 500);
  const entries = [...(trail.data?.entries ?? []), ...older];
  const more = older.length > 0 ? moreOlder === true : trail.data?.more === true;

  const apply = () => {
    setOlder([]);
    setMoreOlder(null);
    setApplied(form);
  };
  const loadOlder = async () => {
    const last = entries[entries.length - 1];
    if (!last) return;
    const r = await client.call('auditTrail', { ...filter, before: last.seq, limit: PAGE });
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    setOlder((o) => [...o, ...r.value.entries]);
    setMoreOlder(r.value.more);
  };
  const exportAs = async (format: 'csv' | 'pdf') => {
    setExporting(format);
    setMessage(null);
    const r = await client.call('exportAudit', { ...filter, format });
    setExporting(null);
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    downloadBase64(r.value.fileName, r.value.contentType, r.value.base64);
    setMessage({ kind: 'info', text: `${r.value.fileName}: ${r.value.entries} entries; checkpoint ${r.value.checkpoint.slice(0, 20)}…` });
  };
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value })),
  });

  return (
    <div className="audit-screen" data-testid="audit-screen">
      <RecordPanel />
      <form
        className="panel audit-filters"
        aria-label="Filter the audit trail"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <label className="field">
          <span>User</span>
          <input data-testid="audit-user" placeholder="who did or signed it" {...field('user')} />
        </label>
        <label className="field">
          <span>Object</span>
          <select data-testid="audit-object-kind" {...field('objectKind')}>
            <option value="">any</option>
            {AUDIT_OBJECTS.map((k) => (
              <option key={k} value={k}>
                {k.replace('-', ' ')}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Object id</span>
          <input data-testid="audit-object-id" placeholder="PO-1, a serial, a lot…" {...field('objectId')} />
        </label>
        <label className="field">
          <span>Event type</span>
          <input data-testid="audit-type" placeholder="OrderReleased" {...field('type')} />
        </label>
        <label className="field">
          <span>From</span>
          <input data-testid="audit-from" type="datetime-local" {...field('from')} />
        </label>
        <label className="field">
          <span>To</span>
          <input data-testid="audit-to" type="datetime-local" {...field('to')} />
        </label>
        <div className="audit-filter-buttons">
          <button type="submit" className="button button-primary" data-testid="audit-apply">
            Filter
          </button>
          <button type="button" className="button" data-testid="audit-export-csv" disabled={exporting !== null} onClick={() => void exportAs('csv')}>
            {exporting === 'csv' ? 'Exporting…' : 'Export CSV'}
          </button>
          <button type="button" className="button" data-testid="audit-export-pdf" disabled={exporting !== null} onClick={() => void exportAs('pdf')}>
            {exporting === 'pdf' ? 'Exporting…' : 'Export PDF'}
          </button>
        </div>
      </form>
      {message && (
        <p className={`message message-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="audit-message">
          {message.text}
        </p>
      )}
      {trail.error && (
        <p className="message message-error" role="alert">
          {trail.error.message}
        </p>
      )}
      <div className="table-scroll">
        <table className="table audit-table" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When (local)</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Object</th>
              <th scope="col">Why</th>
              <th scope="col">Before → after</th>
              <th scope="col">Signatures</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq} data-testid="audit-row" data-seq={e.seq} data-type={e.type}>
                <td className="mono">{e.seq}</td>
                <td title={e.at}>{formatDateTime(e.at)}</td>
                <td title={e.actor}>{e.actorName ?? e.actor}</td>
                <td>{e.what}</td>
                <td>
                  {e.object.kind} <span className="mono">{e.object.id}</span>
                </td>
                <td>{e.why ?? ''}</td>
                <td className="audit-change">
                  {e.change && (
                    <>
                      <div>
                        <span className="muted">before</span> <code>{short(e.change.before)}</code>
                      </div>
                      <div>
                        <span className="muted">after</span> <code>{short(e.change.after)}</code>
                      </div>
                    </>
                  )}
                </td>
                <td>
                  <SignatureList signatures={e.signatures} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {trail.data && entries.length === 0 && <p className="empty">Nothing in the record matches these filters.</p>}
      {more && (
        <button type="button" className="button" data-testid="audit-older" onClick={() => void loadOlder()}>
          Older entries…
        </button>
      )}
      {can(user.role, 'signatures.configure') && <SignaturePolicyPanel />}
    </div>
  );
}
