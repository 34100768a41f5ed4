import type { Contract } from '../../../core';
import type { Services } from '../ports';
import { alarmsHandlers } from './alarms';
import { auditHandlers } from './audit';
import { changesHandlers } from './changes';
import { connectivityHandlers } from './connectivity';
import { genealogyHandlers } from './genealogy';
import type { Handlers } from './handler';
import { historyHandlers } from './history';
import { lineHandlers } from './line';
import { oeeHandlers } from './oee';
import { downtimeHandlers } from './downtime';
import { spcHandlers } from './spc';
import { unsHandlers } from './uns';
import { masterDataHandlers } from './master-data';
import { ordersHandlers } from './orders';
import { sessionHandlers } from './session';
import { supplyHandlers } from './supply';
import { terminalHandlers } from './terminal';
import { usersHandlers } from './users';

export type { Caller, Handler, Handlers } from './handler';
export type { AlarmsPorts } from './alarms';
export type { AuditPorts } from './audit';
export type { ChangesPorts } from './changes';
export type { ConnectivityPorts } from './connectivity';
export type { GenealogyPorts } from './genealogy';
export type { HistoryPorts } from './history';
export type { LinePorts } from './line';
export type { OeePorts } from './oee';
export type { DowntimePorts } from './downtime';
export type { SpcPorts } from './spc';
export type { UnsPorts } from './uns';
export type { MasterDataPorts } from './master-data';
export type { OrdersPorts } from './orders';
export type { SessionPorts } from './session';
export type { SupplyPorts } from './supply';
export type { TerminalPorts } from './terminal';
export type { UsersPorts } from './users';

/** One handler per contract operation, one handler module per API module; transports only validate, authenticate and call these. */
export function createHandlers(s: Services): Handlers<Contract> {
  return {
    ...sessionHandlers(s),
    ...lineHandlers(s),
    ...ordersHandlers(s),
    ...terminalHandlers(s),
    ...masterDataHandlers(s),
    ...genealogyHandlers(s),
    ...auditHandlers(s),
    ...changesHandlers(s),
    ...supplyHandlers(s),
    ...connectivityHandlers(s),
    ...alarmsHandlers(s),
    ...historyHandlers(s),
    ...usersHandlers(s),
    ...oeeHandlers(s),
    ...downtimeHandlers(s),
    ...spcHandlers(s),
    ...unsHandlers(s),
  };
}
