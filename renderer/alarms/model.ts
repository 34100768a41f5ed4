import { ALARM_PRIORITIES, type AlarmPriority, type AlarmView } from '../../core';
import { formatTime } from '../shell/format';

export const PRIORITY_LABEL: Record<AlarmPriority, string> = { urgent: 'Urgent', high: 'High', medium: 'Medium', low: 'Low' };

export const isShelved = (a: AlarmView): boolean => a.shelvedUntil !== null;

/** Needs the operator: not shelved, and still active or not yet acknowledged. */
export const needsAttention = (a: AlarmView): boolean => !isShelved(a) && (a.active || !a.acknowledged);

/** Flashes (ISA-101): unacknowledged and not shelved, nothing else. */
export const flashes = (a: AlarmView): boolean => !isShelved(a) && !a.acknowledged;

/** The ISA-18.2 state in words. */
export function stateText(a: AlarmView): string {
  if (a.shelvedUntil !== null) return `Shelved until ${formatTime(a.shelvedUntil).slice(0, 5)}`;
  if (a.active) return a.acknowledged ? 'Acknowledged active' : 'Unacknowledged active';
  return a.acknowledged ? 'Returned, acknowledged' : 'Returned unacknowledged';
}

export type AlarmStateKey = 'unack-active' | 'ack-active' | 'unack-returned' | 'normal' | 'shelved';

export function stateKey(a: AlarmView): AlarmStateKey {
  if (a.shelvedUntil !== null) return 'shelved';
  if (a.active) return a.acknowledged ? 'ack-active' : 'unack-active';
  return a.acknowledged ? 'normal' : 'unack-returned';
}

const STATE_RANK: Record<AlarmStateKey, number> = { 'unack-active': 0, 'unack-returned': 1, 'ack-active': 2, normal: 3, shelved: 4 };

/** Most urgent first: priority, then what still needs an operator, then newest. Shelved alarms last. */
export function byUrgency(a: AlarmView, b: AlarmView): number {
  const shelved = Number(isShelved(a)) - Number(isShelved(b));
  if (shelved !== 0) return shelved;
  return (
    ALARM_PRIORITIES.indexOf(a.priority) - ALARM_PRIORITIES.indexOf(b.priority) ||
    STATE_RANK[stateKey(a)] - STATE_RANK[stateKey(b)] ||
    (b.raisedAt ?? b.changedAt).localeCompare(a.raisedAt ?? a.changedAt)
  );
}

export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(5).replace(/\.?0+$/, '');
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export interface AlarmCounts {
  readonly active: number;
  readonly unacknowledged: number;
  readonly shelved: number;
}

export function countAlarms(alarms: readonly AlarmView[]): AlarmCounts {
  let active = 0;
  let unacknowledged = 0;
  let shelved = 0;
  for (const a of alarms) {
    if (isShelved(a)) shelved += 1;
    else {
      if (a.active) active += 1;
      if (!a.acknowledged) unacknowledged += 1;
    }
  }
  return { active, unacknowledged, shelved };
}
