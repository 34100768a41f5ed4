import type { AlarmPriority } from '../../core';
import { PRIORITY_LABEL } from './model';

/**
 * Alarm priority as a shape in its ISA-101 alarm colour (these colours mean "alarm" and nothing else):
 * urgent ◆ diamond, high ▲ triangle, medium ■ square, low ● circle. The word goes beside it.
 */
export function PriorityIcon({ priority, flash = false, quiet = false }: { priority: AlarmPriority; flash?: boolean; quiet?: boolean }) {
  return (
    <svg
      className={`alarm-shape ${quiet ? 'alarm-shape-quiet' : `alarm-shape-${priority}`}${flash ? ' alarm-flash' : ''}`}
      width="18"
      height="18"
      viewBox="0 0 18 18"
      aria-hidden="true"
    >
      {priority === 'urgent' && <path d="M9 0.8 L17.2 9 L9 17.2 L0.8 9 Z" />}
      {priority === 'high' && <path d="M9 1 L17.2 16.5 H0.8 Z" />}
      {priority === 'medium' && <rect x="2" y="2" width="14" height="14" />}
      {priority === 'low' && <circle cx="9" cy="9" r="7" />}
    </svg>
  );
}

/** Shape + word, e.g. "◆ Urgent". Quiet (returned and acknowledged, or shelved): the shape without the alarm colour. */
export function Priority({ priority, flash = false, quiet = false }: { priority: AlarmPriority; flash?: boolean; quiet?: boolean }) {
  return (
    <span className="alarm-priority" data-priority={priority}>
      <PriorityIcon priority={priority} flash={flash} quiet={quiet} />
      <span className="alarm-priority-text">{PRIORITY_LABEL[priority]}</span>
    </span>
  );
}
