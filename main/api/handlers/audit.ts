import { ok, type EventView, type auditApi } from '../../../core';
import type { Handlers } from './handler';

/** What the event log needs of the station. */
export interface AuditPorts {
  readonly queries: { events(after: number, limit: number, stream?: string): EventView[] };
}

export function auditHandlers(s: AuditPorts): Handlers<typeof auditApi> {
  return {
    listEvents: (input) => ok(s.queries.events(input.after, input.limit, input.stream)),
  };
}
