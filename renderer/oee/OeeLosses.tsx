import { useMemo, useState } from 'react';
import { EChart } from '../charts/EChart';
import { useLiveQuery } from '../shell/useLiveQuery';
import { paretoOption, waterfallOption } from './charts';
import { duration } from './format';

const RANGES = { shift: 'This shift', '24h': 'Last 24 hours', '7d': 'Last 7 days' } as const;

/**
 * Where the time went: the waterfall from planned to fully productive time, the six big losses, and the Paretos of
 * downtime and of scrap by reason, over this shift or the last day or week, for the line or one work center.
 */
export function OeeLosses({ workCenters, currentShift }: { workCenters: readonly string[]; currentShift: { start: string; end: string } | null }) {
  const [range, setRange] = useState<keyof typeof RANGES>(currentShift ? 'shift' : '24h');
  const [wc, setWc] = useState('');
  const input = useMemo(() => {
    const now = Math.ceil(Date.now() / 60_000) * 60_000;
    const span = range === 'shift' && currentShift ? { from: currentShift.start, to: currentShift.end } : { from: new Date(now - (range === '7d' ? 7 : 1) * 86_400_000).toISOString(), to: new Date(now).toISOString() };
    return { ...span, ...(wc ? { workCenter: wc } : {}) };
  }, [range, wc, currentShift]);
  const view = useLiveQuery('losses', input, ['oee'], 2000);
  const l = view.data;
  const waterfall = useMemo(() => (l ? waterfallOption(l) : null), [l]);
  const downtime = useMemo(() => (l ? paretoOption(l.downtimePareto.map((d) => ({ label: d.label, value: Math.round((d.seconds / 60) * 10) / 10 })), 'min') : null), [l]);
  const scrap = useMemo(() => (l ? paretoOption(l.scrapPareto.map((d) => ({ label: d.reason, value: d.pieces })), 'pcs') : null), [l]);
  return (
    <div className="oee-losses">
      <div className="toolbar">
        <label className="field">
          <span>Over</span>
          <select data-testid="losses-range" value={range} onChange={(e) => setRange(e.target.value as keyof typeof RANGES)}>
            {Object.entries(RANGES).map(([k, v]) => (
              <option key={k} value={k} disabled={k === 'shift' && !currentShift}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>For</span>
          <select data-testid="losses-wc" value={wc} onChange={(e) => setWc(e.target.value)}>
            <option value="">The whole line</option>
            {workCenters.map((w) => (
              <option key={w}>{w}</option>
            ))}
          </select>
        </label>
      </div>
      {view.error && <p className="message message-error" role="alert">{view.error.message}</p>}
      {!l || !waterfall || !downtime || !scrap ? (
        <p className="muted">Reading the losses…</p>
      ) : l.shifts.length === 0 ? (
        <p className="empty">No shift in this time by the line's calendar.</p>
      ) : (
        <>
          <h3>From planned to fully productive time</h3>
          <EChart option={waterfall} testid="losses-waterfall" label="Loss waterfall" height={300} data={{ unreasoned: l.six.unassigned, breakdowns: l.six.breakdowns }} />
          <table className="table oee-six" data-testid="six-losses">
            <caption>The six big losses{l.six.unassigned > 0 ? ' (and stops still without a reason)' : ''}</caption>
            <tbody>
              <tr><th scope="row">Breakdowns</th><td>{duration(l.six.breakdowns)}</td><th scope="row">Setup and adjustments</th><td>{duration(l.six.setupAndAdjustments)}</td></tr>
              <tr><th scope="row">Small stops</th><td>{duration(l.six.smallStops)} ({l.microStops.count} micro-stops)</td><th scope="row">Reduced speed</th><td>{duration(l.six.reducedSpeed)}</td></tr>
              <tr><th scope="row">Startup rejects</th><td>{duration(l.six.startupRejects)}</td><th scope="row">Production rejects</th><td>{duration(l.six.productionRejects)}</td></tr>
              {l.six.unassigned > 0 && (
                <tr><th scope="row">Stops without a reason</th><td className="cell-abnormal">⚑ {duration(l.six.unassigned)} in {l.unreasonedStops} stop(s): give them a reason under Stops</td><td /><td /></tr>
              )}
            </tbody>
          </table>
          <div className="oee-paretos">
            <div>
              <h3>Downtime by reason</h3>
              {l.downtimePareto.length === 0 ? <p className="muted">No stop.</p> : <EChart option={downtime} testid="pareto-downtime" label="Pareto of downtime by reason" data={{ first: l.downtimePareto[0]?.label ?? '' }} />}
            </div>
            <div>
              <h3>Scrap by reason</h3>
              {l.scrapPareto.length === 0 ? <p className="muted">No scrap.</p> : <EChart option={scrap} testid="pareto-scrap" label="Pareto of scrap by reason" data={{ first: l.scrapPareto[0]?.reason ?? '' }} />}
            </div>
          </div>
        </>
      )}
    </div>
  );
}
