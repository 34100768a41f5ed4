import { useEffect, useState } from 'react';
import { can, type CharacteristicView } from '../../core';
import { useSession } from '../shell/context';
import { useLiveQuery } from '../shell/useLiveQuery';
import { BaselineForm } from './BaselineForm';
import { ControlChartPanel } from './ControlChartPanel';
import './spc.css';

const key = (c: { workCenter: string; measurement: string }) => `${c.workCenter}/${c.measurement}`;

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
  return (
    <ControlChartPanel c={c} d={view.data} error={view.error}>
      {mayConfigure && <BaselineForm c={c} />}
    </ControlChartPanel>
  );
}
