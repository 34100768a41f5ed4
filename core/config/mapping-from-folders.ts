import { LINE_TAGS, WORK_CENTER_TAGS, plcNodeId } from '../equipment/plc-tags';
import type { LineMapping, WorkCenterSignal } from './model';

/** What of a line's setup the fill needs: its id and each work center's PLC folder. */
export interface LineFolders {
  readonly id: string;
  readonly workCenters: readonly { readonly id: string; readonly plcFolder: string }[];
}

/**
 * The mapping filled from the line's PLC folders, for a PLC laid out as the station expects ("<line>.<folder>.<Tag>",
 * as the simulator serves it): every signal of a work center that has a folder, on one connection, and the line's
 * next-serial tag. What is mapped already is kept, and nothing is mapped to `command`: writing PackML commands to a PLC
 * is an engineer's choice, made signal by signal.
 */
export function mappingFromPlcFolders(mapping: LineMapping, line: LineFolders, connection: string): LineMapping {
  const signals = (Object.entries(WORK_CENTER_TAGS) as [WorkCenterSignal, string][]).filter(([signal]) => signal !== 'command');
  const workCenters = mapping.workCenters.map((w) => ({ ...w, signals: { ...w.signals } }));
  for (const wc of line.workCenters) {
    const folder = wc.plcFolder.trim();
    if (!folder) continue;
    let entry = workCenters.find((w) => w.workCenter === wc.id);
    if (!entry) {
      entry = { workCenter: wc.id, signals: {} };
      workCenters.push(entry);
    }
    for (const [signal, tag] of signals) entry.signals[signal] ??= { connection, address: plcNodeId(line.id, folder, tag) };
  }
  return { nextSerial: mapping.nextSerial ?? { connection, address: plcNodeId(line.id, LINE_TAGS.nextSerial) }, workCenters };
}
