import type { CommandContext, Result, Signature, SignableAction, UserView } from '../../core';
import type {
  AlarmsPorts,
  AuditPorts,
  ChangesPorts,
  ConnectivityPorts,
  GenealogyPorts,
  HistoryPorts,
  LinePorts,
  OeePorts,
  DowntimePorts,
  SpcPorts,
  UnsPorts,
  MasterDataPorts,
  OrdersPorts,
  SessionPorts,
  SupplyPorts,
  TerminalPorts,
  UsersPorts,
} from './handlers';

/** What the dispatcher itself needs: who is calling, and when. */
interface DispatchPorts {
  readonly accounts: {
    /** `activity`: the call is the user at work. A session whose password must change may call only a few operations. */
    authenticate(token: string | null | undefined, o?: { activity?: boolean }): Result<UserView & { mustChangePassword?: boolean }>;
  };
  /** Electronic signatures: the action's signatures checked before its handler runs (see Signatures). */
  readonly signatures: {
    sign(
      action: SignableAction,
      caller: { readonly user: UserView; readonly token: string | null; readonly address: string },
      given: unknown,
      ctx: CommandContext,
    ): Promise<Result<readonly Signature[]>>;
  };
  /** The station's clock: a command's time is taken when it enters. */
  readonly now: () => Date;
}

/**
 * What the API needs of the station: interfaces, so the API depends on no station module (STYLE.md §7).
 * Each handler module declares the narrow part it uses (./handlers/<module>.ts); this only puts them together,
 * so the station's objects (accounts, commands, queries, reports, connectivity) must satisfy every module at once.
 */
export type Services = DispatchPorts &
  SessionPorts &
  SupplyPorts &
  LinePorts &
  OrdersPorts &
  TerminalPorts &
  MasterDataPorts &
  GenealogyPorts &
  AuditPorts &
  ChangesPorts &
  ConnectivityPorts &
  AlarmsPorts &
  HistoryPorts &
  UsersPorts &
  OeePorts &
  DowntimePorts &
  SpcPorts &
  UnsPorts;

export type ConnectivityPort = Services['connectivity'];
