import { useMemo, useState } from 'react';
import type { PlantLosses as PlantLossesView } from '../../core';
import { EChart } from '../charts/EChart';
import { paretoOption } from '../oee/charts';
import { duration } from '../oee/format';
import type { PlantClient } from './plant-client';
import { usePlantQuery } from './use-plant-query';
import '../oee/oee.css';

const RANGES = { '1d': ['the last 24 hours', 1], '7d': ['the last 7 days', 7], '31d': ['the last 31 days', 31] } as const;

const minutes = (seconds: number) => Math.round((seconds / 60) * 10) / 10;

/**
 * Where the plant's time went: the Pareto of downtime by reason over every line (a reason's minutes summed over the
 * lines that had it), the Pareto of scrap, and beside each reason the lines it came from; each line's own figures are
 * its station's, read from the record the plant holds.
 */
export function PlantLosses({ client }: { client: PlantClient }) {
  const [range, setRange] = useState<keyof typeof RANGES>('7d');
  const { data: view, error } = usePlantQuery(
    client,
    'plantLosses',
    () => {
      const to = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
      return { from: new Date(to.getTime() - RANGES[range][1] * 86_400_000).toISOString(), to: to.toISOString() };
    },
    30_000,
    range,
  );
  const downtime = useMemo(() => (view ? paretoOption(view.downtimePareto.map((d) => ({ label: d.label, value: minutes(d.seconds) })), 'min') : null), [view]);
  const scrap = useMemo(() => (view ? paretoOption(view.scrapPareto.map((d) => ({ label: d.reason, value: d.pieces })), 'pcs') : null), [view]);

  return (
    <section className="panel plant-losses" aria-labelledby="plant-losses-title">
      <div className="panel-head">
        <h2 id="plant-losses-title">Losses across the plant</h2>
        <label className="field">
          <span>Over</span>
          <select data-testid="plant-losses-range" value={range} onChange={(e) => setRange(e.target.value as keyof typeof RANGES)}>
            {Object.entries(RANGES).map(([k, [words]]) => (
              <option key={k} value={k}>
                {words}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p className="message message-error" role="alert">
          {error.message}
        </p>
      )}
      {!view ? (
        <p className="muted" role="status">
          Reading every line's losses…
        </p>
      ) : (
        <>
          <LineErrors view={view} />
          <div className="plant-losses-charts">
            <div>
              <h3>Downtime by reason, every line</h3>
              {view.downtimePareto.length === 0 || !downtime ? (
                <p className="muted">No stop in this range.</p>
              ) : (
                <>
                  <EChart option={downtime} testid="plant-pareto-downtime" label="Pareto of downtime by reason over every line; the table gives the numbers" data={{ first: view.downtimePareto[0]?.label ?? '' }} />
                  <table className="table" data-testid="plant-downtime-table">
                    <thead>
                      <tr>
                        <th>Reason</th>
                        <th className="num">Down</th>
                        <th className="num">Stops</th>
                        <th>Lines</th>
                      </tr>
                    </thead>
                    <tbody>
                      {view.downtimePareto.map((d) => (
                        <tr key={`${d.code ?? ''}|${d.label}`} data-reason={d.code ?? ''}>
                          <td>{d.label}</td>
                          <td className="num">{duration(d.seconds)}</td>
                          <td className="num">{d.stops}</td>
                          <td>{d.lines.join(', ')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              )}
            </div>
            <div>
              <h3>Scrap by reason, every line</h3>
              {view.scrapPareto.length === 0 || !scrap ? (
                <p className="muted">No scrap in this range.</p>
              ) : (
                <>
                  <EChart option={scrap} testid="plant-pareto-scrap" label="Pareto of scrap by reason over every line; the table gives the numbers" data={{ first: view.scrapPareto[0]?.reason ?? '' }} />
                  <table className="table" data-testid="plant-scrap-table">
                    <thead>
                      <tr>
                        <th>Reason</th>
                        <th className="num">Pieces</th>
                        <th>Lines</th>
                      </tr>
                    </thead>
                    <tbody>
                      {view.scrapPareto.map((s) => (
                        <tr key={s.reason}>
                          <td>{s.reason}</td>
                          <td className="num">{s.pieces}</td>
                          <td>{s.lines.join(', ')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              )}
            </div>
          </div>
        </>
      )}
    </section>
  );
}

/** The lines whose losses could not be computed, and why (the others are in the Paretos). */
function LineErrors({ view }: { view: PlantLossesView }) {
  const failed = view.lines.filter((l) => l.error !== null);
  if (failed.length === 0) return null;
  return (
    <ul className="message message-abnormal" data-testid="plant-losses-errors">
      {failed.map((l) => (
        <li key={l.station}>
          {l.station}: {l.error}
        </li>
      ))}
    </ul>
  );
}
