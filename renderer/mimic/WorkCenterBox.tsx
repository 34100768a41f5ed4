import { stateSeverity, type WorkCenterView } from '../../core';
import { formatTime } from '../shell/format';
import { IndicatorShape } from '../shell/Indicator';
import { CommandsButton } from './CommandsButton';
import { BOX_H, BOX_W, QUEUE_W, conveyorY, type Slot } from './layout';

const MAX_BLOCKS = 5;

/** One work center: identity, PackML state (text + shape), unit, counters, last measurement; queue drawn before it. */
export interface WorkCenterBoxProps {
  readonly wc: WorkCenterView;
  readonly slot: Slot;
  /** OEE of the shift running now (null: not defined yet, undefined: not known: no calendar, or not read yet). */
  readonly oee?: number | null | undefined;
  /** Given only to roles with line.command: opens the PackML command menu under the button. */
  readonly onCommands?: (wc: WorkCenterView, trigger: Element) => void;
  readonly commandsOpen?: boolean;
}

export function WorkCenterBox({ wc, slot, oee, onCommands, commandsOpen = false }: WorkCenterBoxProps) {
  const bad = wc.quality === 'bad';
  const severity = bad ? 'normal' : stateSeverity(wc.state);
  const { x, y } = slot;
  const left = x + 12;
  const stateText = bad ? 'no data' : wc.state;
  // Serial and order on lines of their own, short enough for the box; the full wording is in the accessible label.
  const unitText = bad ? 'no data' : wc.unit ? clip(wc.unit.serial, 20) : 'empty';
  const orderText = bad || !wc.unit ? '' : clip(wc.unit.order, 20);

  return (
    <g>
      <Queue wc={wc} slot={slot} />
      <g
        data-testid={`wc-${wc.id}`}
        data-severity={severity}
        data-quality={wc.quality}
        className={`wc wc-${severity}${bad ? ' wc-bad' : ''}`}
        tabIndex={0}
        role="group"
        aria-label={describe(wc)}
      >
        <rect x={x} y={y} width={BOX_W} height={BOX_H} rx={4} className="wc-frame" />
        {bad && <rect x={x} y={y} width={BOX_W} height={BOX_H} rx={4} fill="url(#hatch)" className="wc-hatch" />}
        <text x={left} y={y + 22} className="wc-title">
          <tspan className="wc-id">{wc.id}</tspan>
          <tspan dx={8}>{clip(wc.name, 18)}</tspan>
          <title>{`${wc.id} ${wc.name}`}</title>
        </text>
        {severity !== 'normal' && <IndicatorShape kind={severity} x={left} y={y + 34} />}
        {bad && <IndicatorShape kind="no-data" x={left} y={y + 34} />}
        <text
          x={severity !== 'normal' || bad ? left + 28 : left}
          y={y + 50}
          className="wc-state"
          data-testid={`wc-${wc.id}-state`}
          data-state={bad ? 'no data' : wc.state}
          data-severity={severity}
        >
          {stateText}
        </text>
        <text x={left} y={y + 70} className="wc-small">
          {bad ? 'PLC link lost – values hidden' : wc.stateSince ? `since ${formatTime(wc.stateSince)}` : ''}
        </text>
        <line x1={x + 8} x2={x + BOX_W - 8} y1={y + 80} y2={y + 80} className="wc-rule" />
        <text x={left} y={y + 100} className="wc-label">Unit</text>
        <text x={left + 44} y={y + 100} className={wc.unit && !bad ? 'wc-value' : 'wc-value wc-empty'} data-testid={`wc-${wc.id}-unit`}>
          {unitText}
        </text>
        <text x={left} y={y + 120} className="wc-label">Order</text>
        <text x={left + 44} y={y + 120} className="wc-value" data-testid={`wc-${wc.id}-order`}>
          {orderText}
        </text>
        <text x={left} y={y + 144} className="wc-label">Good</text>
        <text x={left + 44} y={y + 144} className="wc-value" data-testid={`wc-${wc.id}-good`}>
          {bad ? '–' : wc.counters.good}
        </text>
        <text x={left + 100} y={y + 144} className="wc-label">Rejected</text>
        <text x={left + 166} y={y + 144} className="wc-value" data-testid={`wc-${wc.id}-rejected`}>
          {bad ? '–' : wc.counters.rejected}
        </text>
        <Measurement wc={wc} x={left} y={y + 172} bad={bad} />
        {oee !== undefined && (
          <text x={left} y={y + 224} className="wc-small" data-testid={`wc-${wc.id}-oee`} data-oee={oee ?? ''}>
            {`OEE ${oee === null ? '–' : `${(oee * 100).toFixed(1)} %`}`}
          </text>
        )}
        {wc.stopsWithoutReason > 0 && (
          // A stop without a reason stays on the mimic until someone gives it one: a flag and words, not colour.
          <text x={left + 96} y={y + 224} className="wc-stops" data-testid={`wc-${wc.id}-stops`} data-count={wc.stopsWithoutReason}>
            {`⚑ ${wc.stopsWithoutReason} without reason`}
          </text>
        )}
      </g>
      {onCommands && <CommandsButton wc={wc} x={x + BOX_W - 100} y={y + 56} open={commandsOpen} onOpen={onCommands} />}
    </g>
  );
}

function Measurement({ wc, x, y, bad }: { wc: WorkCenterView; x: number; y: number; bad: boolean }) {
  const m = wc.lastMeasurement;
  if (bad || !m) {
    return (
      <text x={x} y={y} className="wc-small" data-testid={`wc-${wc.id}-measurement`}>
        {bad ? '' : 'No measurement yet'}
      </text>
    );
  }
  const fail = m.result === 'fail';
  // Two lines: what was measured and the verdict, then the value; the verdict is a word (and a shape when it failed).
  return (
    <g data-testid={`wc-${wc.id}-measurement`} data-result={m.result}>
      <text x={x} y={y} className="wc-small">
        {`Last ${clip(m.name, 16)}`}
      </text>
      {fail && <IndicatorShape kind="attention" x={x + BOX_W - 90} y={y - 15} />}
      <text x={x + BOX_W - 24} y={y} className={fail ? 'wc-verdict wc-fail' : 'wc-verdict wc-pass'}>
        {fail ? 'FAIL' : '✓ pass'}
      </text>
      <text x={x} y={y + 20} className="wc-value">{`${formatValue(m.value)} ${m.unit}`}</text>
    </g>
  );
}

/** Units waiting before the work center: up to five stacked blocks above the conveyor, the count below it. */
function Queue({ wc, slot }: { wc: WorkCenterView; slot: Slot }) {
  const cy = conveyorY(slot);
  const cx = slot.x - QUEUE_W / 2;
  const blocks = Math.min(wc.queue, MAX_BLOCKS);
  return (
    <g data-testid={`wc-${wc.id}-queue`} data-count={wc.queue} aria-label={`${wc.queue} waiting before ${wc.id}`} role="img">
      {Array.from({ length: blocks }, (_, i) => (
        <rect key={i} x={cx - 12} y={cy - 9 - (i + 1) * 12} width={24} height={9} rx={1} className="queue-block" />
      ))}
      {wc.queue > MAX_BLOCKS && (
        // More than fit: a chevron on top of the stack (a shape, so the queue's text stays the bare count).
        <path d={`M ${cx - 8} ${cy - 12 - blocks * 12} l 8 -7 l 8 7`} className="queue-more" />
      )}
      <text x={cx} y={cy + 24} className={wc.queue > 0 ? 'queue-count' : 'queue-count queue-zero'}>
        {wc.queue}
      </text>
      {wc.held > 0 && (
        // Held for a disposition under an engineering change: a flag and words, not colour.
        <text x={cx} y={cy + 40} className="queue-held" data-testid={`wc-${wc.id}-held`} data-count={wc.held}>
          <tspan x={cx}>{`⚑ ${wc.held}`}</tspan>
          <tspan x={cx} dy={12}>
            held
          </tspan>
        </text>
      )}
    </g>
  );
}

function describe(wc: WorkCenterView): string {
  if (wc.quality === 'bad') return `${wc.id} ${wc.name}: no data, PLC connection lost; ${wc.queue} waiting`;
  const m = wc.lastMeasurement;
  const measurement = m ? `, last ${m.name} ${m.value} ${m.unit} ${m.result}` : '';
  const unitWords = wc.unit ? `unit ${wc.unit.serial} of order ${wc.unit.order}` : 'no unit';
  const held = wc.held > 0 ? `; ${wc.held} held for a disposition` : '';
  const stops = wc.stopsWithoutReason > 0 ? `; ${wc.stopsWithoutReason} stop(s) without a reason` : '';
  return `${wc.id} ${wc.name}: ${wc.state}; ${unitWords}; ${wc.queue} waiting${held}; good ${wc.counters.good}, rejected ${wc.counters.rejected}${measurement}${stops}`;
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const formatValue = (value: number): string => (Number.isInteger(value) ? String(value) : value.toPrecision(4).replace(/\.?0+$/, ''));
