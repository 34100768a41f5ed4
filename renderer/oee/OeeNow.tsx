import { useMemo } from 'react';
import { EChart } from '../charts/EChart';
import { useLiveQuery } from '../shell/useLiveQuery';
import { apqOption } from './charts';
import { ShiftReportButtons } from './ShiftReportButtons';
import { OeeTable } from './OeeTable';

/** The shift running now, up to now: re-read as states change and pieces are counted. */
export function OeeNow() {
  // Live: re-read as states change and pieces are counted (at most ten times a second, the live queries' default).
  const view = useLiveQuery('currentOee', {}, ['oee']);
  const option = useMemo(() => apqOption(view.data?.rows ?? []), [view.data]);
  if (view.error && !view.data) return <p className="message message-error" role="alert">{view.error.message}</p>;
  if (!view.data) return <p className="muted">Reading OEE…</p>;
  const { shift, rows } = view.data;
  if (!shift) {
    return (
      <p className="empty" data-testid="oee-no-shift">
        No shift is running now by the line's calendar{view.data.line ? '' : ' (no line is set up)'}. Past shifts are under History; the calendar is under Calendar.
      </p>
    );
  }
  return (
    <div data-testid="oee-now" data-as-of={view.data.asOf}>
      <div className="panel-head">
        <p>
          Shift <strong data-testid="oee-current-shift">{shift}</strong>, up to now{view.stale ? ' (may be old: the link to the station is down)' : ''}.
        </p>
        <ShiftReportButtons shift={shift} />
      </div>
      <EChart option={option} testid="oee-apq-chart" label="Availability, performance, quality and OEE per work center and for the line; the table below gives the numbers" />
      <OeeTable rows={rows} testid="oee-current" />
    </div>
  );
}
