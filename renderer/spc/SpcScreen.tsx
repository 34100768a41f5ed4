import { useEffect, useMemo, useState } from 'react';
import { RULE_TEXT, can, type CharacteristicView, type RuleId } from '../../core';
import { EChart } from '../charts/EChart';
import { useSession } from '../shell/context';
import { formatDateTime } from '../shell/format';
import { useLiveQuery } from '../shell/useLiveQuery';
import { BaselineForm } from './BaselineForm';
import { controlChartOption } from './spc-options';
import './spc.css';

const key = (c: { workCenter: string; measurement: string }) => `${c.workCenter}/${c.measurement}`;
const fixed = (x: number | null | undefined, d = 2) => (x === null || x === undefined ? '–' : x.toFixed(d));

/**
 * SPC: every measured characteristic with whether it is in control, its control chart live (points that break a rule
 * marked, the rules named), Cp and Cpk against the routing's limits, and the baseline its limits were drawn from.
 */
export function SpcScreen() {
  const { user } = useSession();
  const list = useLiveQuery('spcCharacteristics', {}, ['spc'], 1000);
  const [chosen, setChosen] = useState<string | null>(null);
  const items = list.data ?? [];
  useEffect(() => {
    if (!chosen && items[0]) setChosen(key(items[0]));
  }, [chosen, items]);
  const c = items.find((x) => key(x) === chosen) ?? null;
  return (
    <div className="spc-screen" data-testid="spc-screen">
      <section className="panel spc-list" aria-labelledby="spc-list-title">
        <h2 id="spc-list-title">Characteristics</h2>
        {list.error && <p className="message message-error" role="alert">{list.error.message}</p>}
        {items.length === 0 ? (
          <p className="empty">Nothing measured yet: characteristics appear as the line measures units (the routing's checks).</p>
        ) : (
          <ul className="spc-items">
            {items.map((x) => (
              <li key={key(x)}>
                <button
                  type="button"
                  className={`spc-item${key(x) === chosen ? ' selected' : ''}`}
                  aria-pressed={key(x) === chosen}
                  data-testid="spc-characteristic"
                  data-key={key(x)}
                  data-out-of-control={x.outOfControl}
                  onClick={() => setChosen(key(x))}
                >
                  <span>
                    <strong>{x.workCenter}</strong> {x.measurement}
                  </span>
                  <span className="muted">
                    {x.points} pts · {x.settings ? `${x.settings.limits.chart === 'imr' ? 'I-MR' : `X̄-R n=${x.settings.limits.n}`}` : 'no baseline'}
                  </span>
                  {x.outOfControl && <span className="cell-abnormal">⚑ out of control</span>}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {c && <Chart c={c} mayConfigure={can(user.role, 'spc.configure')} />}
    </div>
  );
}

function Chart({ c, mayConfigure }: { c: CharacteristicView; mayConfigure: boolean }) {
  const view = useLiveQuery('spcChart', { workCenter: c.workCenter, measurement: c.measurement, last: 200 }, ['spc'], 1000);
  const option = useMemo(() => (view.data ? controlChartOption(view.data) : null), [view.data]);
  const d = view.data;
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
      {view.error && <p className="message message-error" role="alert">{view.error.message}</p>}
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
      {mayConfigure && <BaselineForm c={c} />}
    </section>
  );
}
