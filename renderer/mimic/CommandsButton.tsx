import type { WorkCenterView } from '../../core';

export interface CommandsButtonProps {
  readonly wc: WorkCenterView;
  readonly x: number;
  readonly y: number;
  readonly open: boolean;
  readonly onOpen: (wc: WorkCenterView, trigger: Element) => void;
}

/** "Commands ▾" inside a work center box: an SVG button (Tab reaches it; Enter or Space opens the menu). */
export function CommandsButton({ wc, x, y, open, onOpen }: CommandsButtonProps) {
  return (
    <g
      className="wc-commands"
      role="button"
      tabIndex={0}
      aria-haspopup="menu"
      aria-expanded={open}
      aria-label={`Commands for ${wc.id}`}
      data-testid={`wc-${wc.id}-commands`}
      onClick={(e) => onOpen(wc, e.currentTarget)}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        onOpen(wc, e.currentTarget);
      }}
    >
      <rect x={x} y={y} width={88} height={22} rx={3} className="wc-commands-frame" />
      <text x={x + 44} y={y + 16} className="wc-commands-text">
        Commands ▾
      </text>
    </g>
  );
}
