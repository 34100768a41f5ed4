// What a scan at the operator terminal means. Pure (no DOM, no React) so it is tested on its own
// (tests/terminal-scan.unit.test.ts). The station checks every scan again; this only decides which call to make.

/** A component of the current operation, as the BOM asks for it. */
export interface ScanComponent {
  readonly material: string;
  readonly revision: string;
}

export interface ScanContext {
  /** The unit in operation at this work center, if any. */
  readonly currentSerial: string | null;
  /** Units queued for this work center. */
  readonly waiting: readonly string[];
  /** The component row the operator tapped: a bare lot number is taken as a lot of it. */
  readonly armed: ScanComponent | null;
}

export type Scan =
  | { readonly kind: 'empty' }
  | { readonly kind: 'lot'; readonly material: string; readonly revision: string; readonly lot: string; readonly armed: boolean }
  /** known: the serial is the current unit or one waiting here; otherwise it only looks like a serial. */
  | { readonly kind: 'unit'; readonly serial: string; readonly known: boolean }
  | { readonly kind: 'unknown'; readonly text: string; readonly message: string };

/** The station numbers units `<order>-<4+ digits>` (main/station: startNextUnit); order numbers as in OrderNumber. */
const SERIAL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}-\d{4,}$/;
/** Scanners add prefixes, suffixes and group separators (GS, CR, LF); none belongs to a label. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;
const MAX = 200;

export const SCAN_HELP = 'Scan a unit serial or a component label MATERIAL|REVISION|LOT.';

const show = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

export function parseScan(raw: string, context: ScanContext): Scan {
  const text = raw.replace(CONTROL, '').trim().slice(0, MAX);
  if (text === '') return { kind: 'empty' };

  if (text.includes('|')) {
    const parts = text.split('|').map((p) => p.trim());
    const [material, revision, lot] = parts;
    if (parts.length === 3 && material && revision && lot) {
      return { kind: 'lot', material, revision, lot, armed: false };
    }
    return {
      kind: 'unknown',
      text,
      message: `Not understood: “${show(text)}” is not a component label; a label reads MATERIAL|REVISION|LOT, e.g. BODY-25|C|BD-77.`,
    };
  }

  const known = [...(context.currentSerial ? [context.currentSerial] : []), ...context.waiting];
  const exact = known.find((s) => s === text) ?? known.find((s) => s.toUpperCase() === text.toUpperCase());
  if (exact) return { kind: 'unit', serial: exact, known: true };

  if (context.armed) return { kind: 'lot', material: context.armed.material, revision: context.armed.revision, lot: text, armed: true };

  if (SERIAL.test(text)) return { kind: 'unit', serial: text, known: false };

  return { kind: 'unknown', text, message: `Not understood: “${show(text)}”. ${SCAN_HELP}` };
}
