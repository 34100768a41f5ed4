import { can, ROLE_LABEL, type AlarmView, type Permission, type Role } from '../../core';

export type AlarmAction = 'acknowledge' | 'shelve' | 'unshelve';

export const ALARM_ACTIONS: readonly { id: AlarmAction; label: string; permission: Permission; testid: string }[] = [
  { id: 'acknowledge', label: 'Acknowledge…', permission: 'alarms.acknowledge', testid: 'alarm-ack' },
  { id: 'shelve', label: 'Shelve…', permission: 'alarms.shelve', testid: 'alarm-shelve' },
  { id: 'unshelve', label: 'Unshelve', permission: 'alarms.shelve', testid: 'alarm-unshelve' },
];

const VERB: Record<AlarmAction, string> = { acknowledge: 'acknowledge', shelve: 'shelve', unshelve: 'unshelve' };

/** null when the action is available; otherwise why not, in words (the button's tooltip). The station checks again. */
export function whyNot(action: AlarmAction, alarm: AlarmView | null, role: Role): string | null {
  const spec = ALARM_ACTIONS.find((a) => a.id === action);
  if (spec && !can(role, spec.permission)) return `Your role (${ROLE_LABEL[role]}) may not ${VERB[action]} alarms.`;
  if (!alarm) return 'Select an alarm first.';
  if (action === 'acknowledge' && alarm.acknowledged) return `This alarm is already acknowledged.`;
  if (action === 'unshelve' && alarm.shelvedUntil === null) return 'This alarm is not shelved.';
  return null;
}

/** Shelve durations offered; ISA-18.2 shelving is time-limited, the station allows 12 h (one shift) at most. */
export const SHELVE_DURATIONS: readonly { minutes: number; label: string }[] = [
  { minutes: 15, label: '15 min' },
  { minutes: 30, label: '30 min' },
  { minutes: 60, label: '1 h' },
  { minutes: 120, label: '2 h' },
  { minutes: 240, label: '4 h' },
  { minutes: 480, label: '8 h' },
  { minutes: 720, label: '12 h (longest)' },
];
