import type { LineMapping, TagRef, WorkCenterSignal } from '../../core';

export const SIGNAL_HELP: Record<WorkCenterSignal, string> = {
  state: 'PackML state',
  partPresent: 'a unit is in the machine',
  serial: 'serial of the unit in the machine',
  cycleCount: 'cycles done',
  goodCount: 'good units',
  rejectCount: 'rejected units',
  lastSerial: 'serial of the last finished unit',
  lastResult: 'pass / fail of the last unit',
  lastMeasurement: 'value measured on the last unit',
  measurementName: 'what is measured',
  command: 'where PackML commands are written',
};

/** A copy of the mapping with one signal of one work center set (or cleared when ref is null). */
export function setSignal(mapping: LineMapping, workCenter: string, signal: WorkCenterSignal, ref: TagRef | null): LineMapping {
  const existing = mapping.workCenters.find((w) => w.workCenter === workCenter);
  const signals = { ...(existing?.signals ?? {}) };
  if (ref) signals[signal] = ref;
  else delete signals[signal];
  const entry = { workCenter, signals };
  const workCenters = existing ? mapping.workCenters.map((w) => (w.workCenter === workCenter ? entry : w)) : [...mapping.workCenters, entry];
  return { ...mapping, workCenters };
}

/** Rows with a connection but no address yet, in words; null when every mapped signal is complete. */
export function incomplete(mapping: LineMapping): string | null {
  const missing: string[] = [];
  for (const w of mapping.workCenters) {
    for (const [signal, ref] of Object.entries(w.signals)) if (ref && ref.address.trim() === '') missing.push(`${w.workCenter} ${signal}`);
  }
  if (mapping.nextSerial && mapping.nextSerial.address.trim() === '') missing.push('nextSerial');
  return missing.length ? `Give an address (or choose “not mapped”) for: ${missing.join(', ')}.` : null;
}

/** The station's refusal with its field list (details.fields: path → message), in words. */
export function refusalText(message: string, details: Readonly<Record<string, unknown>> | undefined): string {
  const fields = details?.['fields'];
  if (typeof fields !== 'object' || fields === null) return message;
  const list = Object.entries(fields as Record<string, unknown>).map(([path, why]) => `${path}: ${String(why)}`);
  return list.length ? `${message} (${list.join('; ')})` : message;
}
