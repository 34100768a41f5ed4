import { useMemo, type ReactNode } from 'react';
import { RULE_TEXT, type RuleId, type SpcChartView } from '../../core';
import { EChart } from '../charts/EChart';
import { formatDateTime } from '../shell/format';
import { controlChartOption } from './spc-options';
import './spc.css';

const fixed = (x: number | null | undefined, d = 2) => (x === null || x === undefined ? '–' : x.toFixed(d));

/**
 * A characteristic's control chart (points that break a rule marked, the rules named), Cp and Cpk against the routing's
 * limits and the baseline its limits were drawn from: the station's SPC screen and the plant's draw it alike.
 */
export function ControlChartPanel({
  c,
  d,
  error,
  children,
}: {
  c: { readonly workCenter: string; readonly measurement: string; readonly unit: string; readonly low: number; readonly high: number };
  d: SpcChartView | null | undefined;
  error: { readonly message: string } | null | undefined;
  children?: ReactNode;
}) {
  const option = useMemo(() => (d ? controlChartOption(d) : null), [d]);
  const broken = (d?.limits?.chart === 'xbar-r' ? d.subgroups : (d?.points ?? [])).filter((p) => p.rules.length > 0);
  const cap = d?.capability;
  return (
    <section className="panel spc-chart" aria-labelledby="spc-chart-title">
      <div className="panel-head">
        <h2 id="spc-chart-title">
          {c.measurement} at {c.workCenter} <span className="muted">({c.unit}, limits {c.low} … {c.high})</span>
        </h2>
        {d && (
          <span className="muted" data-testid="spc-limits-kind">
            {d.provisional ? 'Trial limits from the points shown: choose a baseline to fix them.' : `Limits from ${formatDateTime(d.settings!.from)} – ${formatDateTime(d.settings!.to)} (${d.settings!.points} points), ${d.rules === 'nelson' ? 'Nelson rules' : 'Western Electric rules'}.`}
          </span>
        )}
      </div>
      {error && <p className="message message-error" role="alert">{error.message}</p>}
      {option && d && (
        <EChart
          option={option}
          height={380}
          testid="spc-control-chart"
          label={`Control chart of ${c.measurement} at ${c.workCenter}; the list below names the points that break a rule`}
          data={{ points: d.limits?.chart === 'xbar-r' ? d.subgroups.length : d.points.length, broken: broken.length, chart: d.limits?.chart ?? 'none' }}
        />
      )}
      {d && (
        <div className="spc-facts">
          <table className="table" data-testid="spc-capability">
            <tbody>
              <tr><th scope="row">Cp</th><td>{fixed(cap?.cp)}</td><th scope="row">Cpk</th><td data-testid="spc-cpk">{fixed(cap?.cpk)}</td></tr>
              <tr><th scope="row">Pp</th><td>{fixed(cap?.pp)}</td><th scope="row">Ppk</th><td>{fixed(cap?.ppk)}</td></tr>
              <tr><th scope="row">Mean</th><td>{fixed(cap?.mean, 4)}</td><th scope="row">Sigma within</th><td>{fixed(cap?.sigmaWithin, 4)}</td></tr>
            </tbody>
          </table>
          <div data-testid="spc-violations">
            <h3>Points that break a rule</h3>
            {broken.length === 0 ? (
              <p className="muted">None of the points shown.</p>
            ) : (
              <ul>
                {broken.slice(-8).reverse().map((p) => (
                  <li key={'n' in p ? `p${p.n}` : `s${p.index}`}>
                    <span className="cell-abnormal">▲ {'n' in p ? `point ${p.n} (${p.serial})` : `subgroup ${p.index + 1}`}</span> {formatDateTime(p.at)}:{' '}
                    {p.rules.map((r) => (r === 'MR' ? 'moving range beyond its limit' : r === 'R' ? 'range beyond its limits' : RULE_TEXT[r as RuleId])).join('; ')}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
      {children}
    </section>
  );
}
