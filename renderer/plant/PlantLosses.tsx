import { useMemo, useState } from 'react';
import type { PlantLosses as PlantLossesView } from '../../core';
import { EChart } from '../charts/EChart';
import type { ChartOption } from '../charts/echarts';
import { paretoOption } from '../oee/charts';
import { duration } from '../oee/format';
import type { PlantClient } from './plant-client';
import { ReadNotice } from './ReadNotice';
import { lastDays, usePlantQuery } from './use-plant-query';
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
  const { data: view, error } = usePlantQuery(client, 'plantLosses', () => lastDays(RANGES[range][1]), 30_000, range);
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
      <ReadNotice error={error} waiting={!view} reading="Reading every line's losses…" />
      {view && (
        <>
          <LineErrors view={view} />
          <div className="plant-losses-charts">
            <ParetoBlock
              title="Downtime by reason, every line"
              empty="No stop in this range."
              option={downtime}
              testid="plant-pareto-downtime"
              what="downtime"
              first={view.downtimePareto[0]?.label ?? ''}
              head={['Reason', 'Down', 'Stops', 'Lines']}
              rows={view.downtimePareto.map((d) => ({ key: `${d.code ?? ''}|${d.label}`, cells: [d.label, duration(d.seconds), d.stops, d.lines.join(', ')] }))}
            />
            <ParetoBlock
              title="Scrap by reason, every line"
              empty="No scrap in this range."
              option={scrap}
              testid="plant-pareto-scrap"
              what="scrap"
              first={view.scrapPareto[0]?.reason ?? ''}
              head={['Reason', 'Pieces', 'Lines']}
              rows={view.scrapPareto.map((x) => ({ key: x.reason, cells: [x.reason, x.pieces, x.lines.join(', ')] }))}
            />
          </div>
        </>
      )}
    </section>
  );
}

/** The figures' columns (between the reason and the lines) are numbers, right-aligned. */
const numeric = (column: number, columns: number) => (column > 0 && column < columns - 1 ? 'num' : undefined);

/** A Pareto over every line and the table of its numbers (the first column the reason, the last the lines). */
function ParetoBlock(p: {
  title: string;
  empty: string;
  option: ChartOption | null;
  testid: string;
  what: string;
  first: string;
  head: readonly string[];
  rows: readonly { key: string; cells: readonly (string | number)[] }[];
}) {
  return (
    <div>
      <h3>{p.title}</h3>
      {p.rows.length === 0 || !p.option ? (
        <p className="muted">{p.empty}</p>
      ) : (
        <>
          <EChart option={p.option} testid={p.testid} label={`Pareto of ${p.what} by reason over every line; the table gives the numbers`} data={{ first: p.first }} />
          <table className="table" data-testid={`${p.testid}-table`}>
            <thead>
              <tr>
                {p.head.map((h, i) => (
                  <th key={h} className={numeric(i, p.head.length)}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr key={r.key}>
                  {r.cells.map((c, i) => (
                    <td key={i} className={numeric(i, r.cells.length)}>
                      {c}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
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
