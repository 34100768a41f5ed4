import {
  ACCOUNT_EVENT_TYPES,
  can,
  ok,
  parseCheckpoint,
  type AuditEntry,
  type AuditFilter,
  type ChainReportView,
  type Checkpoint,
  type CommandContext,
  type EventView,
  type RecordState,
  type Result,
  type SignaturePolicy,
  type auditApi,
} from '../../../core';
import type { Caller, Handlers } from './handler';

/** What the event log and its integrity need of the station. */
export interface AuditPorts {
  readonly queries: { events(after: number, limit: number, stream?: string, hiddenTypes?: readonly string[]): EventView[] };
  readonly record: {
    state(): RecordState;
    verify(checkpoints: readonly Checkpoint[]): Promise<ChainReportView>;
  };
  readonly trail: {
    readonly stationId: string;
    query(filter: AuditFilter & { before?: number; limit: number }, hiddenTypes: readonly string[]): { entries: AuditEntry[]; more: boolean };
    /** A report of the filtered trail (CSV or PDF) with the chain's state and checkpoint. */
    report(
      filter: AuditFilter,
      hiddenTypes: readonly string[],
      format: 'csv' | 'pdf',
      made: { by: string; at: string },
      chain: ChainReportView,
    ): { fileName: string; contentType: string; base64: string; entries: number; checkpoint: string };
  };
  readonly signatures: {
    policy(): SignaturePolicy;
    setPolicy(policy: SignaturePolicy, ctx: CommandContext): Promise<Result<SignaturePolicy>>;
  };
}

export function auditHandlers(s: AuditPorts): Handlers<typeof auditApi> {
  // Sign-ins, their failures (names tried, addresses) and account changes are for administrators, quality and auditors.
  const hidden = (caller: Caller) => (caller.user && can(caller.user.role, 'audit.view') ? [] : ACCOUNT_EVENT_TYPES);
  return {
    auditTrail: (input, caller) => {
      const { before, limit, ...filter } = input;
      return ok(s.trail.query({ ...filter, ...(before !== undefined ? { before } : {}), limit }, hidden(caller)));
    },
    exportAudit: async (input, caller) => {
      const { format, ...filter } = input;
      // The chain walked for the report: its state and the head to keep as a checkpoint are printed in it.
      const chain = await s.record.verify([]);
      const by = caller.user ? `${caller.user.displayName} (${caller.user.username})` : 'unknown';
      return ok(s.trail.report(filter, hidden(caller), format, { by, at: caller.context.at }, chain));
    },
    listEvents: (input, caller) => ok(s.queries.events(input.after, input.limit, input.stream, hidden(caller))),
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
