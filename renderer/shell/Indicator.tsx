import type { StateSeverity } from '../../core';

/** The abnormal kinds. Each has its own shape AND colour, so it reads without colour too (ISA-101). */
export type Abnormal = Exclude<StateSeverity, 'normal'>;
export type IndicatorKind = Abnormal | 'ok' | 'no-data';

export const ABNORMAL_LABEL: Record<Abnormal, string> = { fault: 'Fault', stopped: 'Stopped', attention: 'Attention' };

/**
 * A 20×20 indicator drawn at (x, y), usable inside any SVG:
 * fault = red triangle with "!", stopped = orange octagon with a bar, attention = yellow diamond with "!",
 * ok = small hollow grey circle, no-data = dashed grey square with a slash.
 */
export function IndicatorShape({ kind, x = 0, y = 0 }: { kind: IndicatorKind; x?: number; y?: number }) {
  return (
    <g transform={`translate(${x} ${y})`} className={`indicator indicator-${kind}`} aria-hidden="true">
      {kind === 'fault' && (
        <>
          <path d="M10 1 L19.5 18.5 H0.5 Z" className="shape-fault" />
          <Bang y={6} light />
        </>
      )}
      {kind === 'stopped' && (
        <>
          <path d="M6 1 H14 L19 6 V14 L14 19 H6 L1 14 V6 Z" className="shape-stopped" />
          <rect x="5" y="8.5" width="10" height="3" className="shape-bar" />
        </>
      )}
      {kind === 'attention' && (
        <>
          <path d="M10 0.5 L19.5 10 L10 19.5 L0.5 10 Z" className="shape-attention" />
          <Bang y={4.5} />
        </>
      )}
      {kind === 'ok' && <circle cx="10" cy="10" r="6" className="shape-ok" />}
      {kind === 'no-data' && (
        <>
          <rect x="1.5" y="1.5" width="17" height="17" className="shape-no-data" />
          <path d="M4 16 L16 4" className="shape-slash" />
        </>
      )}
    </g>
  );
}

/** An exclamation mark drawn as shapes, so the indicator adds no characters to the text around it. */
function Bang({ y, light = false }: { y: number; light?: boolean }) {
  const cls = light ? 'shape-glyph shape-glyph-light' : 'shape-glyph';
  return (
    <>
      <rect x="8.75" y={y} width="2.5" height="7" className={cls} />
      <rect x="8.75" y={y + 8.5} width="2.5" height="2.5" className={cls} />
    </>
  );
}

/** The same indicator inline in text (HTML). */
export function Indicator({ kind, label }: { kind: IndicatorKind; label?: string }) {
  return (
    <svg className="inline-indicator" width="20" height="20" viewBox="0 0 20 20" role={label ? 'img' : undefined} aria-label={label} aria-hidden={label ? undefined : true}>
      <IndicatorShape kind={kind} />
    </svg>
  );
}
