import {
  ACCOUNT_EVENT_TYPES,
  can,
  ok,
  parseCheckpoint,
  type ChainReportView,
  type Checkpoint,
  type CommandContext,
  type EventView,
  type RecordState,
  type Result,
  type SignaturePolicy,
  type auditApi,
} from '../../../core';
import type { Handlers } from './handler';

/** What the event log and its integrity need of the station. */
export interface AuditPorts {
  readonly queries: { events(after: number, limit: number, stream?: string, hiddenTypes?: readonly string[]): EventView[] };
  readonly record: {
    state(): RecordState;
    verify(checkpoints: readonly Checkpoint[]): Promise<ChainReportView>;
  };
  readonly signatures: {
    policy(): SignaturePolicy;
    setPolicy(policy: SignaturePolicy, ctx: CommandContext): Promise<Result<SignaturePolicy>>;
  };
}

export function auditHandlers(s: AuditPorts): Handlers<typeof auditApi> {
  return {
    // Sign-ins, their failures (names tried, addresses) and account changes are for administrators, quality and auditors.
    listEvents: (input, caller) =>
      ok(s.queries.events(input.after, input.limit, input.stream, caller.user && can(caller.user.role, 'audit.view') ? [] : ACCOUNT_EVENT_TYPES)),
    recordState: () => ok(s.record.state()),
    verifyRecord: async (input) => {
      // The contract's pattern admits only well-formed checkpoints.
      const checkpoints = (input.checkpoints ?? '').split(',').flatMap((t) => parseCheckpoint(t) ?? []);
      return ok(await s.record.verify(checkpoints));
    },
    getSignaturePolicy: () => ok(s.signatures.policy()),
    setSignaturePolicy: (input, caller) => s.signatures.setPolicy(input, caller.context),
  };
}
