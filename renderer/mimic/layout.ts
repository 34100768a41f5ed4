/** Geometry of the mimic in CSS pixels: drawn 1:1 so text stays readable; wraps into rows on narrow screens. */
export const BOX_W = 220;
export const BOX_H = 240;
/** The conveyor stretch before each box, where the waiting units are drawn. */
export const QUEUE_W = 56;
export const ROW_GAP = 56;
export const PAD = 12;
export const OUTLET_W = 48;

export interface Slot {
  readonly x: number;
  readonly y: number;
  readonly row: number;
}

export interface MimicLayout {
  readonly slots: readonly Slot[];
  readonly width: number;
  readonly height: number;
  /** The conveyor as one SVG path through every box, in flow order. */
  readonly conveyor: string;
}

export const conveyorY = (slot: Slot): number => slot.y + BOX_H / 2;

export function layoutMimic(count: number, availableWidth: number): MimicLayout {
  const cell = QUEUE_W + BOX_W;
  const fit = Math.floor((availableWidth - 2 * PAD - OUTLET_W) / cell);
  const columns = Math.max(1, Math.min(count, fit));
  const slots: Slot[] = [];
  for (let i = 0; i < count; i += 1) {
    const row = Math.floor(i / columns);
    const column = i % columns;
    slots.push({ x: PAD + column * cell + QUEUE_W, y: PAD + row * (BOX_H + ROW_GAP), row });
  }
  const rows = Math.max(1, Math.ceil(count / columns));
  const width = 2 * PAD + columns * cell + OUTLET_W;
  const height = 2 * PAD + rows * BOX_H + (rows - 1) * ROW_GAP;
  return { slots, width, height, conveyor: conveyorPath(slots, columns) };
}

function conveyorPath(slots: readonly Slot[], columns: number): string {
  const start = PAD;
  const rowEnd = PAD + columns * (QUEUE_W + BOX_W) + 16;
  const parts: string[] = [];
  let row = -1;
  for (const slot of slots) {
    const y = conveyorY(slot);
    if (slot.row !== row) {
      if (row < 0) {
        parts.push(`M ${start} ${y}`);
      } else {
        // Wrap to the next row: out to the right, down through the gap, back to the left, down again.
        const gapY = y - BOX_H / 2 - ROW_GAP / 2;
        parts.push(`H ${rowEnd}`, `V ${gapY}`, `H ${start}`, `V ${y}`);
      }
      row = slot.row;
    }
    parts.push(`H ${slot.x + BOX_W}`);
  }
  const last = slots[slots.length - 1];
  if (last) parts.push(`H ${last.x + BOX_W + OUTLET_W - 8}`);
  return parts.join(' ');
}
