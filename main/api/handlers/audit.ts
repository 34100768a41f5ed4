import { ACCOUNT_EVENT_TYPES, can, ok, type EventView, type auditApi } from '../../../core';
import type { Handlers } from './handler';

/** What the event log needs of the station. */
export interface AuditPorts {
  readonly queries: { events(after: number, limit: number, stream?: string, hiddenTypes?: readonly string[]): EventView[] };
}

export function auditHandlers(s: AuditPorts): Handlers<typeof auditApi> {
  return {
    // Sign-ins, their failures (names tried, addresses) and account changes are for administrators.
    listEvents: (input, caller) =>
      ok(s.queries.events(input.after, input.limit, input.stream, caller.user && can(caller.user.role, 'users.manage') ? [] : ACCOUNT_EVENT_TYPES)),
  };
}
