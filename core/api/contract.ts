import type { z } from 'zod';
import { alarmsApi } from './modules/alarms';
import { auditApi } from './modules/audit';
import { changesApi } from './modules/changes';
import { connectivityApi } from './modules/connectivity';
import { genealogyApi } from './modules/genealogy';
import { historyApi } from './modules/history';
import { lineApi } from './modules/line';
import { masterDataApi } from './modules/master-data';
import { oeeApi } from './modules/oee';
import { downtimeApi } from './modules/downtime';
import { spcApi } from './modules/spc';
import { unsApi } from './modules/uns';
import { ordersApi } from './modules/orders';
import { sessionApi } from './modules/session';
import { supplyApi } from './modules/supply';
import { terminalApi } from './modules/terminal';
import { usersApi } from './modules/users';
import { ClientMessage, StreamMessage } from './stream';

/**
 * The station's API, declared once, one module per capability (./modules): each module declares its operations
 * and the schemas only it uses. main/api serves every operation over HTTP (+ OpenAPI) and over Electron IPC,
 * with one handler module per API module; the renderer calls it through one typed client whatever the transport.
 * An operation's name is unique across modules (contract.unit.test.ts checks it).
 */
export const contract = {
  ...sessionApi,
  ...lineApi,
  ...ordersApi,
  ...terminalApi,
  ...masterDataApi,
  ...genealogyApi,
  ...auditApi,
  ...changesApi,
  ...supplyApi,
  ...connectivityApi,
  ...alarmsApi,
  ...historyApi,
  ...usersApi,
  ...oeeApi,
  ...downtimeApi,
  ...spcApi,
  ...unsApi,
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export type InputOf<K extends OperationName> = z.input<Contract[K]['input']>;
export type OutputOf<K extends OperationName> = z.output<Contract[K]['output']>;

export const API_PREFIX = '/api/v1';
export const STREAM_PATH = '/api/v1/stream';
/** The WebSocket subprotocol of the live stream; the session token rides beside it as "bearer.<token>", never in the URL. */
export const STREAM_PROTOCOL = 'mes.v1';
export const BEARER_PROTOCOL = 'bearer.';
/** The close code of a stream whose session ended (signed out, revoked, idle, disabled): the HMI goes to sign-in. */
export const SESSION_ENDED_CLOSE = 4001;

/** The live stream (WebSocket at STREAM_PATH with subprotocols STREAM_PROTOCOL and bearer.<token>, or IPC): what the station sends, and what a client may send. */
export const streamContract = { path: STREAM_PATH, message: StreamMessage, clientMessage: ClientMessage } as const;
