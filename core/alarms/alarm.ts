import { accept, refuse, type Decider } from '../shared/decider';
import { ErrorCode } from '../shared/errors';
import type { AlarmPriority } from './model';

/** ISA-18.2 alarm states: active or returned, acknowledged or not, and shelved until a time. */
export interface AlarmState {
  readonly active: boolean;
  readonly acknowledged: boolean;
  readonly shelvedUntil: string | null;
}

export type AlarmEvent =
  | {
      readonly type: 'AlarmRaised';
      readonly data: { readonly id: string; readonly value: unknown; readonly priority: AlarmPriority; readonly message: string; readonly shelved: boolean };
    }
  | { readonly type: 'AlarmReturned'; readonly data: { readonly id: string; readonly value: unknown } }
  | { readonly type: 'AlarmAcknowledged'; readonly data: { readonly id: string; readonly by: string; readonly comment: string } }
  | { readonly type: 'AlarmShelved'; readonly data: { readonly id: string; readonly by: string; readonly until: string; readonly reason: string } }
  | { readonly type: 'AlarmUnshelved'; readonly data: { readonly id: string; readonly by: string; readonly expired: boolean } };

export type AlarmCommand =
  | { readonly type: 'Evaluate'; readonly id: string; readonly active: boolean; readonly value: unknown; readonly priority: AlarmPriority; readonly message: string }
  | { readonly type: 'Acknowledge'; readonly id: string; readonly by: string; readonly comment?: string }
  | { readonly type: 'Shelve'; readonly id: string; readonly by: string; readonly until: string; readonly reason: string }
  | { readonly type: 'Unshelve'; readonly id: string; readonly by: string }
  /** The clock passed a shelve's expiry. */
  | { readonly type: 'ExpireShelve'; readonly id: string };

const MAX_SHELVE_MS = 12 * 3_600_000;

export const alarmDecider: Decider<AlarmState, AlarmCommand, AlarmEvent> = {
  initialState: () => ({ active: false, acknowledged: true, shelvedUntil: null }),

  decide(command, state, meta) {
    switch (command.type) {
      case 'Evaluate':
        if (command.active === state.active) return accept();
        if (command.active) {
          return accept({
            type: 'AlarmRaised',
            data: { id: command.id, value: command.value, priority: command.priority, message: command.message, shelved: state.shelvedUntil !== null },
          });
        }
        return accept({ type: 'AlarmReturned', data: { id: command.id, value: command.value } });
      case 'Acknowledge':
        if (state.acknowledged) return refuse(ErrorCode.invalidTransition, `Alarm ${command.id} is already acknowledged.`);
        return accept({ type: 'AlarmAcknowledged', data: { id: command.id, by: command.by, comment: command.comment?.trim() ?? '' } });
      case 'Shelve': {
        const until = Date.parse(command.until);
        const now = Date.parse(meta.at);
        if (!Number.isFinite(until) || until <= now) return refuse(ErrorCode.validation, 'A shelve needs an expiry in the future.');
        if (until - now > MAX_SHELVE_MS) return refuse(ErrorCode.validation, 'An alarm can be shelved for 12 hours at most (one shift); shelve it again after.');
        if (command.reason.trim() === '') return refuse(ErrorCode.validation, 'Say why the alarm is shelved: a reason is required.');
        return accept({ type: 'AlarmShelved', data: { id: command.id, by: command.by, until: new Date(until).toISOString(), reason: command.reason.trim() } });
      }
      case 'Unshelve':
        if (state.shelvedUntil === null) return refuse(ErrorCode.invalidTransition, `Alarm ${command.id} is not shelved.`);
        return accept({ type: 'AlarmUnshelved', data: { id: command.id, by: command.by, expired: false } });
      case 'ExpireShelve':
        if (state.shelvedUntil === null || Date.parse(state.shelvedUntil) > Date.parse(meta.at)) return accept();
        return accept({ type: 'AlarmUnshelved', data: { id: command.id, by: 'system', expired: true } });
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'AlarmRaised':
        return { ...state, active: true, acknowledged: false };
      case 'AlarmReturned':
        return { ...state, active: false };
      case 'AlarmAcknowledged':
        return { ...state, acknowledged: true };
      case 'AlarmShelved':
        return { ...state, shelvedUntil: event.data.until };
      case 'AlarmUnshelved':
        return { ...state, shelvedUntil: null };
    }
  },
};
