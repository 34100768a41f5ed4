import type { SupplyView } from '../../core';
import { formatDateTime } from '../shell/format';

type Levels = SupplyView['levels'][number];

const W = 640;
const H = 170;
const PAD = { left: 44, right: 12, top: 14, bottom: 44 };

/**
 * A material's level over the line's plan, one step per event (an order starting takes it, a receipt brings it),
 * evenly spaced so a receipt months away does not squash today: below the zero line, hatched and said, is where
 * orders run short. Grey; the shortage is the only mark.
 */
export function MaterialLevelPlot({ levels }: { levels: Levels }) {
  const steps = levels.steps;
  const values = steps.map((s) => s.level);
  const top = Math.max(1, ...values);
  const bottom = Math.min(0, ...values);
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / Math.max(1, steps.length);
  const y = (v: number) => PAD.top + ((top - v) * (H - PAD.top - PAD.bottom)) / (top - bottom || 1);
  const short = steps.filter((s) => s.level < 0).length;
  return (
    <figure className="level-plot" data-testid="level-plot" data-material={levels.material}>
      <figcaption>
        {levels.material} rev {levels.revision} over the plan{short > 0 ? `: short after ${short} step(s)` : ''}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${levels.material} rev ${levels.revision} level: ${steps.map((s) => `${s.by} ${s.level}`).join(', ')}`}>
        <defs>
          <pattern id={`hatch-${levels.material}`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="6" className="level-hatch" />
          </pattern>
        </defs>
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} className="level-zero" />
        <text x={PAD.left - 6} y={y(0) + 4} className="level-axis" textAnchor="end">
          0
        </text>
        <text x={PAD.left - 6} y={y(top) + 4} className="level-axis" textAnchor="end">
          {top}
        </text>
        {steps.map((s, i) => {
          const x0 = x(i);
          const x1 = x(i + 1);
          return (
            <g key={`${s.by}-${i}`} data-testid="level-step" data-level={s.level} data-kind={s.kind}>
              {s.level < 0 && <rect x={x0} y={y(0)} width={x1 - x0} height={y(s.level) - y(0)} fill={`url(#hatch-${levels.material})`} className="level-short" />}
              <line x1={x0} x2={x1} y1={y(s.level)} y2={y(s.level)} className={s.level < 0 ? 'level-line level-line-short' : 'level-line'} />
              {i > 0 && <line x1={x0} x2={x0} y1={y(steps[i - 1]!.level)} y2={y(s.level)} className="level-line" />}
              <text x={(x0 + x1) / 2} y={H - PAD.bottom + 16} className="level-axis" textAnchor="middle">
                {s.kind === 'receipt' ? `+ ${s.by}` : s.by}
              </text>
              <text x={(x0 + x1) / 2} y={H - PAD.bottom + 30} className="level-axis level-time" textAnchor="middle">
                {formatDateTime(s.at).slice(5)}
              </text>
              <text x={(x0 + x1) / 2} y={y(s.level) - 4} className="level-value" textAnchor="middle">
                {s.level}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
