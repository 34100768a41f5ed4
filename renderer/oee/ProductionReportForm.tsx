import { useMemo, useState } from 'react';
import { can, shiftsBetween, type ProductionSettingsView } from '../../core';
import { ActionMessage, type ActionResult } from '../shell/ActionMessage';
import { useClient, useSession } from '../shell/context';
import { formatDateTime } from '../shell/format';
import { useLiveQuery } from '../shell/useLiveQuery';

interface Draft {
  workCenter: string;
  shift: string;
  produced: string;
  scrap: string;
  rework: string;
  downtime: string;
  stops: string;
  order: string;
  note: string;
  replaces: boolean;
}

const whole = (v: string) => (v.trim() === '' ? undefined : Number(v.replace(',', '.')));

/**
 * A shift reported by hand, for work centers without a PLC: pieces, scrap, rework, minutes down and stops. The station
 * refuses what cannot be (more rejects than pieces, more downtime than the shift) and says why; a second report of a
 * shift must say it replaces the first.
 */
export function ProductionReportForm({ settings }: { settings: ProductionSettingsView }) {
  const client = useClient();
  const { user } = useSession();
  const [message, setMessage] = useState<ActionResult>(null);
  const [busy, setBusy] = useState(false);
  // The shifts of the last three days that have begun, newest first.
  const shifts = useMemo(() => {
    if (!settings.calendar) return [];
    const now = Date.now();
    return shiftsBetween(settings.calendar, now - 3 * 86_400_000, now).filter((s) => s.start <= now).reverse();
  }, [settings.calendar]);
  const [draft, setDraft] = useState<Draft>({ workCenter: settings.handReported[0] ?? '', shift: shifts[0]?.id ?? '', produced: '', scrap: '0', rework: '0', downtime: '0', stops: '', order: '', note: '', replaces: false });
  const range = useMemo(() => ({ from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() }), []);
  const reports = useLiveQuery('productionReports', range, ['oee']);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const allowed = can(user.role, 'production.report');

  if (settings.handReported.length === 0) {
    return <p className="empty" data-testid="report-none">Every work center of the line is counted by its PLC: nothing is reported by hand. A work center set up without a PLC folder (Line setup) is reported here.</p>;
  }
  if (!settings.calendar) return <p className="empty">The line has no shift calendar yet: set it under Calendar first, then report shifts here.</p>;

  const submit = async () => {
    setBusy(true);
    const r = await client.call('reportProduction', {
      workCenter: draft.workCenter, shift: draft.shift, produced: whole(draft.produced) ?? Number.NaN, scrap: whole(draft.scrap) ?? 0, rework: whole(draft.rework) ?? 0,
      downtimeMinutes: whole(draft.downtime) ?? 0, note: draft.note, replaces: draft.replaces,
      ...(whole(draft.stops) !== undefined ? { stops: whole(draft.stops) } : {}), ...(draft.order.trim() ? { order: draft.order.trim() } : {}),
    });
    setBusy(false);
    if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
    setMessage({ kind: 'info', text: `Shift ${r.value.shift} at ${r.value.workCenter} reported: ${r.value.produced} made, ${r.value.good} good, ${r.value.downtimeMinutes} min down.` });
    set({ produced: '', scrap: '0', rework: '0', downtime: '0', stops: '', note: '', replaces: false });
  };
  const input = (label: string, key: keyof Draft, testid: string, mode: 'numeric' | 'text' = 'numeric') => (
    <label className="field">
      <span>{label}</span>
      <input data-testid={testid} inputMode={mode} value={String(draft[key])} disabled={!allowed || busy} onChange={(e) => set({ [key]: e.target.value })} autoComplete="off" />
    </label>
  );

  return (
    <div>
      <form
        className="oee-report-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        <div className="form-row">
          <label className="field">
            <span>Work center</span>
            <select data-testid="report-wc" value={draft.workCenter} disabled={!allowed || busy} onChange={(e) => set({ workCenter: e.target.value })}>
              {settings.handReported.map((w) => (
                <option key={w}>{w}</option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Shift</span>
            <select data-testid="report-shift" value={draft.shift} disabled={!allowed || busy} onChange={(e) => set({ shift: e.target.value })}>
              {shifts.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.id} ({formatDateTime(new Date(s.start))})
                </option>
              ))}
            </select>
          </label>
          {input('Pieces made', 'produced', 'report-produced')}
          {input('Scrapped', 'scrap', 'report-scrap')}
          {input('Reworked', 'rework', 'report-rework')}
          {input('Minutes down', 'downtime', 'report-downtime')}
          {input('Stops (count)', 'stops', 'report-stops')}
          {input('Order (for the ideal cycle)', 'order', 'report-order', 'text')}
          {input('Note', 'note', 'report-note', 'text')}
          <label className="field oee-checkbox">
            <span>Replaces the shift's report</span>
            <input type="checkbox" data-testid="report-replaces" checked={draft.replaces} disabled={!allowed || busy} onChange={(e) => set({ replaces: e.target.checked })} />
          </label>
        </div>
        <div className="dialog-buttons">
          <button type="submit" className="button button-primary" data-testid="report-submit" disabled={!allowed || busy}>
            {busy ? 'Reporting…' : 'Report shift'}
          </button>
        </div>
        {!allowed && <p className="notice">Your role may read reports but not make them: shift leads and supervisors report shifts.</p>}
        <ActionMessage message={message} testid="report-message" />
      </form>
      <h3>Reported this week</h3>
      {(reports.data ?? []).length === 0 ? (
        <p className="muted">No shift reported by hand this week.</p>
      ) : (
        <table className="table" data-testid="reports-table">
          <thead>
            <tr>
              <th scope="col">Shift</th>
              <th scope="col">Work center</th>
              <th scope="col">Made</th>
              <th scope="col">Good</th>
              <th scope="col">Scrap</th>
              <th scope="col">Rework</th>
              <th scope="col">Down</th>
              <th scope="col">Stops</th>
              <th scope="col">By</th>
              <th scope="col">At</th>
            </tr>
          </thead>
          <tbody>
            {(reports.data ?? []).map((r) => (
              <tr key={`${r.workCenter}/${r.shift}`} data-testid="report-row">
                <td className="mono">{r.shift}</td>
                <td>{r.workCenter}</td>
                <td>{r.produced}</td>
                <td>{r.good}</td>
                <td>{r.scrap}</td>
                <td>{r.rework}</td>
                <td>{r.downtimeMinutes} min</td>
                <td>{r.stops ?? '–'}</td>
                <td>{r.reportedBy}</td>
                <td>
                  {formatDateTime(r.reportedAt)}
                  {r.replaced ? ' (replaces an earlier report)' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
