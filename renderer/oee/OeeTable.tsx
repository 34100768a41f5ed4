import type { OeeRow } from '../../core';
import { count, duration, pct } from './format';

const SOURCE: Record<OeeRow['source'], string> = { machine: 'PLC', report: 'Reported', mixed: 'PLC + reported', none: 'Not reported' };

/**
 * OEE rows as a table: A, P, Q and OEE first (what a supervisor reads), then the times and counts behind them and the
 * KPIs reported beside OEE. The line's row is the last of each period, in bold.
 */
export function OeeTable({ rows, testid, showPeriod = false }: { rows: readonly OeeRow[]; testid: string; showPeriod?: boolean }) {
  return (
    <div className="table-scroll oee-table">
      <table className="table" data-testid={testid}>
        <thead>
          <tr>
            {showPeriod && <th scope="col">Period</th>}
            <th scope="col">Work center</th>
            <th scope="col">Source</th>
            <th scope="col">Availability</th>
            <th scope="col">Performance</th>
            <th scope="col">Quality</th>
            <th scope="col">OEE</th>
            <th scope="col">Planned</th>
            <th scope="col">Run</th>
            <th scope="col">Down</th>
            <th scope="col">Delay</th>
            <th scope="col">No data</th>
            <th scope="col">Made</th>
            <th scope="col">Good</th>
            <th scope="col">Scrap</th>
            <th scope="col">Stops</th>
            <th scope="col">MTBF</th>
            <th scope="col">MTTR</th>
            <th scope="col">FPY</th>
            <th scope="col">TEEP</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={`${r.period.id}/${r.workCenter ?? 'line'}`}
              className={r.workCenter === null ? 'oee-line-row' : undefined}
              data-testid="oee-row"
              data-wc={r.workCenter ?? 'line'}
              data-period={r.period.id}
              data-source={r.source}
              data-oee={r.kpis.oee ?? ''}
            >
              {showPeriod && <td className="mono">{r.period.id}</td>}
              <th scope="row">{r.workCenter ?? 'Line'}</th>
              <td>{SOURCE[r.source]}</td>
              <td>{pct(r.kpis.availability)}</td>
              <td>{pct(r.kpis.effectiveness)}</td>
              <td>{pct(r.kpis.quality)}</td>
              <td className="oee-value">{pct(r.kpis.oee)}</td>
              <td>{duration(r.times.pbt)}</td>
              <td>{duration(r.times.apt)}</td>
              <td>{duration(r.times.adot)}</td>
              <td>{duration(r.times.adet)}</td>
              <td>{r.times.unknown > 0 ? duration(r.times.unknown) : '–'}</td>
              <td>{count(r.quantities.produced)}</td>
              <td>{count(r.quantities.good)}</td>
              <td>{count(r.quantities.scrap)}</td>
              <td>{r.failures ?? '–'}</td>
              <td>{duration(r.kpis.mtbfSeconds)}</td>
              <td>{duration(r.kpis.mttrSeconds)}</td>
              <td>{pct(r.kpis.firstPassYield)}</td>
              <td>{pct(r.kpis.teep)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
