import { useEffect, useMemo, useState } from 'react';
import type { CharacteristicView } from '../../core';
import { ControlChartPanel } from '../spc/ControlChartPanel';
import type { PlantClient } from './plant-client';
import { usePlantQuery } from './use-plant-query';
import '../spc/spc.css';

type Chosen = { readonly station: string; readonly c: CharacteristicView };
const key = (station: string, c: { workCenter: string; measurement: string }) => `${station}/${c.workCenter}/${c.measurement}`;

/**
 * SPC across the plant: every line's characteristics with whether each is in control, as its station judges them, and
 * the control chart of the one chosen drawn by the station's own code from the record the plant holds (read only:
 * baselines are set at the line).
 */
export function PlantSpc({ client }: { client: PlantClient }) {
  const list = usePlantQuery(client, 'plantSpc', () => ({}), 15_000);
  const [chosen, setChosen] = useState<string | null>(null);
  const lines = list.data?.lines ?? [];
  const all: Chosen[] = useMemo(() => (list.data?.lines ?? []).flatMap((l) => l.characteristics.map((c) => ({ station: l.station, c }))), [list.data]);
  useEffect(() => {
    if (!chosen && all[0]) setChosen(key(all[0].station, all[0].c));
  }, [chosen, all]);
  const picked = all.find((x) => key(x.station, x.c) === chosen) ?? null;
  const outOfControl = all.filter((x) => x.c.outOfControl).length;
  return (
    <div className="spc-screen" data-testid="plant-spc">
      <section className="panel spc-list" aria-labelledby="plant-spc-title">
        <h2 id="plant-spc-title">Characteristics across the plant</h2>
        {list.error && (
          <p className="message message-error" role="alert">
            {list.error.message}
          </p>
        )}
        {list.data && (
          <p className={outOfControl > 0 ? 'cell-abnormal' : 'muted'} data-testid="plant-spc-summary" data-out-of-control={outOfControl}>
            {outOfControl > 0 ? `⚑ ${outOfControl} of ${all.length} out of control` : `${all.length} characteristics, all in control`}
          </p>
        )}
        {lines.map((l) => (
          <div key={l.station} data-testid={`plant-spc-line-${l.station}`}>
            <h3>
              {l.line ?? 'No line set up'} <span className="muted">· {l.station}</span>
            </h3>
            {l.error ? (
              <p className="message message-error" role="alert">
                {l.error}
              </p>
            ) : l.characteristics.length === 0 ? (
              <p className="muted">Nothing measured yet.</p>
            ) : (
              <ul className="spc-items">
                {l.characteristics.map((c) => {
                  const k = key(l.station, c);
                  return (
                    <li key={k}>
                      <button
                        type="button"
                        className={`spc-item${k === chosen ? ' selected' : ''}`}
                        aria-pressed={k === chosen}
                        data-testid="plant-spc-characteristic"
                        data-key={k}
                        data-points={c.points}
                        data-out-of-control={c.outOfControl}
                        onClick={() => setChosen(k)}
                      >
                        <span>
                          <strong>{c.workCenter}</strong> {c.measurement}
                        </span>
                        <span className="muted">
                          {c.points} pts · {c.settings ? (c.settings.limits.chart === 'imr' ? 'I-MR' : `X̄-R n=${c.settings.limits.n}`) : 'no baseline'}
                        </span>
                        {c.outOfControl && <span className="cell-abnormal">⚑ out of control</span>}
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        ))}
        {list.data && lines.length === 0 && <p className="empty">No station has shipped to this plant yet.</p>}
      </section>
      {picked && <PlantChart key={chosen} client={client} chosen={picked} />}
    </div>
  );
}

function PlantChart({ client, chosen }: { client: PlantClient; chosen: Chosen }) {
  const { station, c } = chosen;
  const view = usePlantQuery(client, 'plantLineSpcChart', () => ({ station, workCenter: c.workCenter, measurement: c.measurement, last: 200 }), 15_000, key(station, c));
  return (
    <div data-testid="plant-spc-chart" data-station={station}>
      <ControlChartPanel c={c} d={view.data} error={view.error}>
        <p className="muted">Baselines and rules are set at the line&apos;s station ({station}).</p>
      </ControlChartPanel>
    </div>
  );
}
