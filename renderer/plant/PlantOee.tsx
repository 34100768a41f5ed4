import { useMemo, useState } from 'react';
import type { OeeRow } from '../../core';
import { EChart } from '../charts/EChart';
import { linesTrendOption } from '../oee/charts';
import { OeeTable } from '../oee/OeeTable';
import { pct } from '../oee/format';
import { PeriodPicker } from '../oee/PeriodPicker';
import { ShiftReportLinks } from '../oee/ShiftReportButtons';
import type { PlantClient } from './plant-client';
import { ReadNotice } from './ReadNotice';
import { lastDays, usePlantQuery } from './use-plant-query';
import '../oee/oee.css';

const RANGES = { '7d': 7, '31d': 31 } as const;

/** The newest period's rows of a line (its work centers and the line), as its station computes them. */
const latest = (rows: readonly OeeRow[]): OeeRow[] => {
  const last = rows.at(-1)?.period.id;
  return rows.filter((r) => r.period.id === last);
};

/**
 * OEE across the plant: every line's OEE over days or shifts (a line each on one chart), and each line's newest period
 * with its work centers, computed by each line's station code from the record the plant holds.
 */
export function PlantOee({ client }: { client: PlantClient }) {
  const [by, setBy] = useState<'shift' | 'day'>('day');
  const [range, setRange] = useState<keyof typeof RANGES>('7d');
  const { data: view, error } = usePlantQuery(client, 'plantOee', () => ({ by, ...lastDays(RANGES[range]) }), 15_000, `${by}/${range}`);
  const option = useMemo(() => linesTrendOption((view?.lines ?? []).map((l) => ({ name: l.line ? `${l.line} (${l.station})` : l.station, rows: l.rows }))), [view]);

  return (
    <section className="panel plant-oee" aria-labelledby="plant-oee-title">
      <div className="panel-head">
        <h2 id="plant-oee-title">OEE across the plant</h2>
        <PeriodPicker by={by} onBy={setBy} range={range} onRange={setRange} ranges={[['7d', '7 days'], ['31d', '31 days']]} testid="plant-oee" />
      </div>
      <ReadNotice error={error} waiting={!view} reading="Reading every line's OEE…" />
      {!view ? null : view.lines.length === 0 ? (
        <p className="empty">No station has shipped to this plant yet.</p>
      ) : (
        <>
          <EChart option={option} testid="plant-oee-trend" label={`OEE by ${by} of each line; the tables below give the numbers`} data={{ lines: view.lines.length }} />
          {view.lines.map((l) => {
            const rows = latest(l.rows);
            const line = rows.find((r) => r.workCenter === null);
            return (
              <div key={l.station} className="plant-oee-line" data-testid={`plant-oee-line-${l.station}`} data-oee={line?.kpis.oee ?? ''} data-source={line?.source ?? 'none'}>
                <h3>
                  {l.line ?? 'No line set up'} <span className="muted">· {l.station}</span>
                  {line && (
                    <span>
                      {' '}
                      · {line.period.id}
                      {line.period.running ? ' (running)' : ''}: OEE <strong>{pct(line.kpis.oee)}</strong>
                    </span>
                  )}
                </h3>
                {l.error ? (
                  <p className="message message-error" role="alert" data-testid={`plant-oee-error-${l.station}`}>
                    {l.error}
                  </p>
                ) : rows.length === 0 ? (
                  <p className="muted">No shift in this range by the line's calendar.</p>
                ) : (
                  <>
                    <OeeTable rows={rows} testid={`plant-oee-table-${l.station}`} />
                    {line?.period.kind === 'shift' && (
                      <ShiftReportLinks
                        shift={line.period.id}
                        testid={`plant-shift-report-${l.station}`}
                        fetch={(format) => client.call('plantLineShiftReport', { station: l.station, shift: line.period.id, format })}
                      />
                    )}
                  </>
                )}
              </div>
            );
          })}
        </>
      )}
    </section>
  );
}
