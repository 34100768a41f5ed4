import { z } from 'zod';
import type { Permission } from '../users/roles';
import * as S from './schemas';

/**
 * The station's API, declared once. main/api serves it over HTTP (+ OpenAPI) and over Electron IPC;
 * the renderer calls it through one typed client whatever the transport.
 * Path parameters ({name}) are taken from the input object; the rest is the JSON body (or query, for GET).
 */
export interface OperationSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly summary: string;
  readonly input: I;
  readonly output: O;
  /** null: no session needed. Otherwise the permission the caller's role must have (some actions refine it). */
  readonly permission: Permission | null;
}

const op = <I extends z.ZodType, O extends z.ZodType>(spec: OperationSpec<I, O>): OperationSpec<I, O> => spec;
const none = z.object({});

export const contract = {
  health: op({ method: 'GET', path: '/health', summary: 'Station health and PLC connection', input: none, output: S.Health, permission: null }),
  login: op({ method: 'POST', path: '/session', summary: 'Sign in; returns a bearer token', input: S.LoginRequest, output: S.Session, permission: null }),
  logout: op({ method: 'POST', path: '/session/end', summary: 'Sign out', input: none, output: z.object({ ended: z.boolean() }), permission: 'view' }),
  me: op({ method: 'GET', path: '/session', summary: 'Who is signed in', input: none, output: S.UserView, permission: 'view' }),
  getLine: op({ method: 'GET', path: '/line', summary: 'Equipment with live states, units and queues', input: none, output: S.LineView, permission: 'view' }),
  listOrders: op({
    method: 'GET',
    path: '/orders',
    summary: 'Production orders with status, progress and ETA',
    input: z.object({ status: z.enum(['open', 'all']).default('open') }),
    output: z.array(S.OrderView),
    permission: 'view',
  }),
  createOrder: op({
    method: 'POST',
    path: '/orders',
    summary: 'Receive a production order (as ERP would send it)',
    input: S.CreateOrderRequest,
    output: S.OrderView,
    permission: 'orders.create',
  }),
  orderAction: op({
    method: 'POST',
    path: '/orders/{number}/{action}',
    summary: 'Release, dispatch, hold, resume, cancel or move an order in the dispatch list',
    input: S.OrderActionRequest,
    output: S.OrderView,
    permission: 'view',
  }),
  listWip: op({ method: 'GET', path: '/wip', summary: 'Every unit on the line: serial, order, operation, work center, since', input: none, output: z.array(S.WipItem), permission: 'view' }),
  listEvents: op({
    method: 'GET',
    path: '/events',
    summary: 'The event log (the record), newest last',
    input: z.object({ after: z.coerce.number().int().nonnegative().default(0), limit: z.coerce.number().int().min(1).max(1000).default(200), stream: z.string().optional() }),
    output: z.array(S.EventView),
    permission: 'view',
  }),
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export type InputOf<K extends OperationName> = z.input<Contract[K]['input']>;
export type OutputOf<K extends OperationName> = z.output<Contract[K]['output']>;

export const API_PREFIX = '/api/v1';
export const STREAM_PATH = '/api/v1/stream';
