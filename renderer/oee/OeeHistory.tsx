import { useMemo, useState } from 'react';
import type { OeeRow } from '../../core';
import { EChart } from '../charts/EChart';
import { useLiveQuery } from '../shell/useLiveQuery';
import { trendOption } from './charts';
import { ShiftReportButtons } from './ShiftReportButtons';
import { OeeTable } from './OeeTable';
import { PeriodPicker } from './PeriodPicker';

/** Periods newest first, each period's work centers and line in their order. */
const newestFirst = (rows: readonly OeeRow[]): OeeRow[] => {
  const order = [...new Set(rows.map((r) => r.period.id))].reverse();
  return [...rows].sort((a, b) => order.indexOf(a.period.id) - order.indexOf(b.period.id));
};

const RANGES = { '24h': 1, '7d': 7, '31d': 31 } as const;

/** OEE of past shifts or days: the last day, week or month. */
export function OeeHistory() {
  const [by, setBy] = useState<'shift' | 'day'>('shift');
  const [range, setRange] = useState<keyof typeof RANGES>('24h');
  // The range is fixed when chosen (a live query's input must not change every render).
  const input = useMemo(() => {
    const to = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
    return { by, from: new Date(to.getTime() - RANGES[range] * 86_400_000).toISOString(), to: to.toISOString() };
  }, [by, range]);
  const view = useLiveQuery('oee', input, ['oee'], 3000);
  const option = useMemo(() => trendOption(view.data?.rows ?? []), [view.data]);
  return (
    <div>
      <PeriodPicker by={by} onBy={setBy} range={range} onRange={setRange} ranges={[['24h', '24 hours'], ['7d', '7 days'], ['31d', '31 days']]} testid="oee" />
      {view.error && <p className="message message-error" role="alert">{view.error.message}</p>}
      {!view.data ? (
        <p className="muted">Reading OEE…</p>
      ) : view.data.rows.length === 0 ? (
        <p className="empty">No shift in this range by the line's calendar. Set the calendar under Calendar.</p>
      ) : (
        <>
          <EChart option={option} testid="oee-trend" label={`OEE by ${by}: the line and each work center; the table below gives the numbers`} />
          <OeeTable rows={newestFirst(view.data.rows)} testid="oee-history" showPeriod />
          {by === 'shift' && <PastShiftReport shifts={[...new Set(newestFirst(view.data.rows).map((r) => r.period.id))]} />}
        </>
      )}
    </div>
  );
}

/** A past shift's report, chosen from the shifts shown. */
function PastShiftReport({ shifts }: { shifts: readonly string[] }) {
  const [shift, setShift] = useState(shifts[0] ?? '');
  if (shifts.length === 0) return null;
  return (
    <div className="toolbar">
      <label className="field">
        <span>Report of shift</span>
        <select data-testid="report-of-shift" value={shift} onChange={(e) => setShift(e.target.value)}>
          {shifts.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      {shift && <ShiftReportButtons shift={shift} />}
    </div>
  );
}
