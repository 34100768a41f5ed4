/**
 * PackML (ISA-TR88.00.02, OPC 30050) machine states. Matched by name, never by number:
 * companion specs and PLC vendors number them differently.
 */
export const PACKML_STATES = [
  'Stopped', 'Starting', 'Idle', 'Suspended', 'Execute', 'Stopping', 'Aborting', 'Aborted', 'Holding', 'Held',
  'Unholding', 'Suspending', 'Unsuspending', 'Resetting', 'Completing', 'Complete', 'Clearing',
] as const;

export type PackMLState = (typeof PACKML_STATES)[number];

const byKey = new Map<string, PackMLState>(PACKML_STATES.map((s) => [s.toLowerCase(), s]));

/** "EXECUTE", "execute", " Execute " and "PackML.Execute" all mean Execute; unknown names give undefined. */
export function parsePackMLState(raw: string): PackMLState | undefined {
  const key = raw.trim().split(/[.:/]/).pop()?.trim().toLowerCase() ?? '';
  return byKey.get(key);
}

/** What a control-room operator should notice (ISA-101: colour only for the abnormal). */
export type StateSeverity = 'normal' | 'attention' | 'stopped' | 'fault';

export function stateSeverity(state: PackMLState | 'Unknown'): StateSeverity {
  switch (state) {
    case 'Aborting':
    case 'Aborted':
      return 'fault';
    case 'Stopped':
    case 'Stopping':
    case 'Clearing':
    case 'Unknown':
      return 'stopped';
    // Held is the machine's own stop (a fault, a short stop). Suspended is starved or blocked by its neighbours:
    // part of normal flow on a line, so it draws no colour.
    case 'Held':
    case 'Holding':
      return 'attention';
    default:
      return 'normal';
  }
}
