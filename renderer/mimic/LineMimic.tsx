import { useLayoutEffect, useRef, useState } from 'react';
import type { LineView, WorkCenterView } from '../../core';
import { layoutMimic } from './layout';
import { WorkCenterBox } from './WorkCenterBox';

/** The line as SVG, work centers in line order on one conveyor; wraps to more rows when the window is narrow. */
export interface LineMimicProps {
  readonly line: LineView;
  /** OEE of the shift running now by work center (null: not defined yet); absent: not known. */
  readonly oee?: ReadonlyMap<string, number | null>;
  readonly onCommands?: (wc: WorkCenterView, trigger: Element) => void;
  readonly commandsFor?: string | null;
}

export function LineMimic({ line, oee, onCommands, commandsFor = null }: LineMimicProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1200);

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    setWidth(host.clientWidth);
    const observer = new ResizeObserver((entries) => {
      const entry = entries[0];
      if (entry) setWidth(entry.contentRect.width);
    });
    observer.observe(host);
    return () => observer.disconnect();
  }, []);

  const workCenters = [...line.workCenters].sort((a, b) => a.position - b.position);
  const layout = layoutMimic(workCenters.length, width);
  // Drawn 1:1 at least; on a wide control-room screen up to 1.5× so it reads from across the room.
  const scale = Math.min(1.5, Math.max(1, width / layout.width));

  return (
    <div ref={hostRef} className="mimic-host">
      <svg
        data-testid="mimic"
        className="mimic"
        width={Math.floor(layout.width * scale)}
        height={Math.floor(layout.height * scale)}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="group"
        aria-label={`Mimic of ${line.line?.name ?? 'the line'}`}
      >
        <defs>
          <pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="8" height="8" className="hatch-bg" />
            <line x1="0" y1="0" x2="0" y2="8" className="hatch-line" />
          </pattern>
          <marker id="flow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
            <path d="M0 0 L10 5 L0 10 Z" className="conveyor-arrow" />
          </marker>
        </defs>
        <path d={layout.conveyor} className="conveyor" markerEnd="url(#flow)" />
        {workCenters.map((wc, i) => {
          const slot = layout.slots[i];
          return slot ? <WorkCenterBox key={wc.id} wc={wc} slot={slot} oee={oee?.get(wc.id)} onCommands={onCommands} commandsOpen={commandsFor === wc.id} /> : null;
        })}
      </svg>
    </div>
  );
}
