import { z } from 'zod';
import type { Permission } from '../users/roles';
import * as S from './schemas';
import * as C from './connectivity-schemas';
import { ConnectionConfig, HistorianConfig, LineMapping } from '../config/model';
import { AlarmDefinition, TagRef } from '../alarms/model';
import { MaterialDefinition, ProductDefinition } from '../material/model';

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
  importB2mml: op({
    method: 'POST',
    path: '/b2mml',
    summary: 'Import a B2MML message (ProductionSchedule V0401/V0600, OperationsSchedule V7, MaterialDefinition): all or nothing, idempotent',
    input: z.object({
      xml: z.string().min(1, 'The message is empty.').max(64 * 2 ** 20),
      /** For schedules that carry no end time. */
      defaultDueDate: z.iso.date().optional(),
    }),
    output: z.object({
      kind: z.string(),
      version: z.string(),
      received: z.array(z.string()),
      unchanged: z.array(z.string()),
      materials: z.number().int(),
      warnings: z.array(z.string()),
    }),
    permission: 'orders.create',
  }),
  importMasterData: op({
    method: 'POST',
    path: '/master-data',
    summary: 'Define materials and product revisions (BOM and routing), and receive orders, as ERP or PLM sends them: all or nothing, idempotent',
    input: z
      .object({
        materials: z.array(MaterialDefinition).default([]),
        products: z.array(ProductDefinition).default([]),
        orders: z.array(S.CreateOrderRequest).default([]),
      })
      // A key this does not know is refused, not dropped: a file meant for something else is not "imported" empty.
      .strict(),
    output: z.object({ materials: z.number().int(), products: z.number().int(), received: z.array(z.string()), unchanged: z.array(z.string()) }),
    permission: 'master.define',
  }),
  listProducts: op({
    method: 'GET',
    path: '/products',
    summary: 'Product revisions with their BOM and routing',
    input: none,
    output: z.array(ProductDefinition),
    permission: 'view',
  }),
  orderPerformance: op({
    method: 'GET',
    path: '/orders/{number}/performance',
    summary: 'What was built for an order, for ERP: B2MML ProductionPerformance (V0600) or OperationsPerformance (V7)',
    input: z.object({ number: S.OrderNumber, format: z.enum(['v0600', 'v7']).default('v0600') }),
    output: z.object({ fileName: z.string(), xml: z.string() }),
    permission: 'view',
  }),
  asBuilt: op({
    method: 'GET',
    path: '/units/{serial}',
    summary: 'A unit\'s as-built record: every operation with work center, times, result and measurements',
    input: z.object({ serial: z.string().min(1).max(80) }),
    output: z.object({
      serial: z.string(),
      order: z.string(),
      product: z.string(),
      revision: z.string(),
      status: z.string(),
      operations: z.array(
        z.object({
          operation: z.number().int(),
          /** 1, or more when a rework ran the operation again. */
          attempt: z.number().int(),
          workCenter: z.string(),
          startedAt: z.string().nullable(),
          endedAt: z.string().nullable(),
          result: z.string().nullable(),
          /** Each check with its limits and verdict; value null where none was read. */
          measurements: z.array(
            z.object({ name: z.string(), value: z.number().nullable(), unit: z.string(), low: z.number(), high: z.number(), result: z.enum(['pass', 'fail']) }),
          ),
          /** The operator's user name, and the name as people know it. */
          by: z.string().nullable(),
          byName: z.string().nullable(),
          name: z.string(),
        }),
      ),
      /** The genealogy, backward: every component lot built into this unit. */
      lots: z.array(
        z.object({ material: z.string(), revision: z.string(), lot: z.string(), operation: z.number().int(), quantity: z.number(), at: z.string(), by: z.string() }),
      ),
    }),
    permission: 'view',
  }),
  consumeLot: op({
    method: 'POST',
    path: '/units/{serial}/lots',
    summary: 'Record a component lot scanned into a unit (checked against the BOM of its current operation)',
    input: z.object({
      serial: z.string().min(1).max(80),
      workCenter: z.string().min(1),
      material: z.string().trim().min(1).max(64),
      revision: z.string().trim().min(1).max(16),
      lot: z.string().trim().min(1, 'Scan the lot number.').max(80),
      quantity: z.number().positive().optional(),
    }),
    output: z.object({ serial: z.string(), lot: z.string(), material: z.string(), operation: z.number().int() }),
    permission: 'terminal.record',
  }),
  nextUnit: op({
    method: 'POST',
    path: '/line/next-unit',
    summary: 'At the first terminal of a line without a PLC feeder: start the next unit of the dispatch list (its serial label)',
    input: none,
    output: z.object({ serial: z.string().nullable() }),
    permission: 'terminal.record',
  }),
  startOperation: op({
    method: 'POST',
    path: '/units/{serial}/start',
    summary: 'At the terminal: start the unit\'s current operation at this work center (the routing sequence is enforced)',
    input: z.object({ serial: z.string().min(1).max(80), workCenter: z.string().min(1) }),
    output: z.object({ serial: z.string(), operation: z.number().int(), workCenter: z.string() }),
    permission: 'terminal.record',
  }),
  completeOperation: op({
    method: 'POST',
    path: '/units/{serial}/complete',
    summary: 'At the terminal: complete the current operation with its measurements (judged against the routing limits)',
    input: z.object({
      serial: z.string().min(1).max(80),
      workCenter: z.string().min(1),
      readings: z.array(z.object({ name: z.string().min(1), value: z.number() })).default([]),
    }),
    output: z.object({
      serial: z.string(),
      operation: z.number().int(),
      result: z.enum(['pass', 'fail']),
      unitStatus: z.string(),
      reason: z.string().nullable(),
      /** When the routing sends a failed unit to rework: the operation it goes back to. */
      reworkTo: z.number().int().nullable(),
    }),
    permission: 'terminal.record',
  }),
  terminal: op({
    method: 'GET',
    path: '/terminal/{workCenter}',
    summary: 'An operator terminal: the unit in work with its operation, instruction, components and checks; units waiting; lot orders with work here',
    input: z.object({ workCenter: z.string().min(1).max(64) }),
    output: S.TerminalView,
    permission: 'view',
  }),
  reportQuantity: op({
    method: 'POST',
    path: '/orders/{number}/operations/{operation}/report',
    summary: 'Lot-based orders: report a quantity done at an operation; the good part passes on to the next operation',
    input: z.object({
      number: S.OrderNumber,
      operation: z.coerce.number().int().positive(),
      workCenter: z.string().min(1),
      good: z.number().int().nonnegative().default(0),
      scrapped: z.number().int().nonnegative().default(0),
      reason: z.string().trim().max(500).optional(),
    }),
    output: S.OrderView,
    permission: 'terminal.record',
  }),
  listStock: op({ method: 'GET', path: '/stock', summary: 'Material on hand, as counted by the warehouse less what was scanned into units', input: none, output: z.array(S.StockItem), permission: 'view' }),
  countStock: op({
    method: 'POST',
    path: '/stock',
    summary: 'Material on hand as the warehouse (ERP/WMS) counted it; dispatching checks orders against it',
    input: z.object({
      material: z.string().trim().min(1).max(64),
      revision: z.string().trim().min(1).max(16),
      onHand: z.number().nonnegative(),
      source: z.string().trim().max(64).default('erp'),
    }),
    output: S.StockItem,
    permission: 'orders.create',
  }),
  scrapUnit: op({
    method: 'POST',
    path: '/units/{serial}/scrap',
    summary: 'At the terminal: scrap a unit, with the reason',
    input: z.object({ serial: z.string().min(1).max(80), reason: z.string().trim().min(1, 'Say why the unit is scrapped.').max(500) }),
    output: z.object({ serial: z.string(), unitStatus: z.string() }),
    permission: 'terminal.record',
  }),
  traceLot: op({
    method: 'GET',
    path: '/genealogy/lots/{lot}',
    summary: 'The genealogy, forward: every unit a component lot went into',
    input: z.object({ lot: z.string().min(1).max(80), material: z.string().optional() }),
    output: z.array(
      z.object({ serial: z.string(), order: z.string(), material: z.string(), revision: z.string(), operation: z.number().int(), workCenter: z.string(), at: z.string(), unitStatus: z.string() }),
    ),
    permission: 'view',
  }),
  dispatchList: op({
    method: 'GET',
    path: '/line/dispatch-list',
    summary: 'The line\'s dispatch list with its version (for resequencing)',
    input: none,
    output: S.DispatchListView,
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
  // Connectivity (engineers): connections, tag browsing, live values, certificates, mapping, alarms, historian.
  getConfig: op({ method: 'GET', path: '/config', summary: 'The connection configuration (passwords blanked)', input: none, output: C.ConfigView, permission: 'view' }),
  listConnections: op({ method: 'GET', path: '/connections', summary: 'Connections with health and counters', input: none, output: z.array(C.ConnectionView), permission: 'view' }),
  saveConnection: op({ method: 'POST', path: '/connections', summary: 'Add or change a connection (applied live)', input: ConnectionConfig, output: C.ConnectionView, permission: 'drivers.configure' }),
  removeConnection: op({ method: 'POST', path: '/connections/{id}/remove', summary: 'Remove a connection', input: z.object({ id: z.string().min(1) }), output: z.object({ removed: z.boolean() }), permission: 'drivers.configure' }),
  testConnection: op({
    method: 'POST',
    path: '/connections/test',
    summary: 'Try a connection without saving it',
    input: ConnectionConfig,
    output: z.object({ ok: z.boolean(), message: z.string(), milliseconds: z.number() }),
    permission: 'drivers.configure',
  }),
  browse: op({
    method: 'GET',
    path: '/connections/{id}/browse',
    summary: 'Browse a connection\'s address space',
    input: z.object({ id: z.string().min(1), address: z.string().optional() }),
    output: z.array(C.BrowseNodeView),
    permission: 'view',
  }),
  readTags: op({
    method: 'POST',
    path: '/tags/read',
    summary: 'Current values with quality and source time',
    input: z.object({ tags: z.array(TagRef).min(1).max(500) }),
    output: z.array(C.TagValueView),
    permission: 'view',
  }),
  listCertificates: op({
    method: 'GET',
    path: '/connections/{id}/certificates',
    summary: 'Trusted and rejected server certificates of an OPC UA connection',
    input: z.object({ id: z.string().min(1) }),
    output: z.array(C.CertificateView),
    permission: 'view',
  }),
  certificateAction: op({
    method: 'POST',
    path: '/connections/{id}/certificates/{thumbprint}/{action}',
    summary: 'Trust, reject or remove a server certificate',
    input: z.object({ id: z.string().min(1), thumbprint: z.string().min(8), action: z.enum(['trust', 'reject', 'remove']) }),
    output: z.array(C.CertificateView),
    permission: 'drivers.configure',
  }),
  saveMapping: op({ method: 'POST', path: '/config/mapping', summary: 'Map work center signals to tags', input: LineMapping, output: C.ConfigView, permission: 'drivers.configure' }),
  saveAlarmDefinitions: op({ method: 'POST', path: '/config/alarms', summary: 'Replace the alarm definitions', input: z.object({ alarms: z.array(AlarmDefinition) }), output: C.ConfigView, permission: 'drivers.configure' }),
  saveHistorian: op({ method: 'POST', path: '/config/historian', summary: 'Historized tags and retention', input: HistorianConfig, output: C.ConfigView, permission: 'drivers.configure' }),
  listAlarms: op({
    method: 'GET',
    path: '/alarms',
    summary: 'Alarms (active, unacknowledged or shelved), with flood state',
    input: z.object({ scope: z.enum(['current', 'all']).default('current') }),
    output: C.AlarmSummary,
    permission: 'view',
  }),
  alarmAction: op({ method: 'POST', path: '/alarms/{id}/{action}', summary: 'Acknowledge, shelve or unshelve an alarm', input: C.AlarmActionRequest, output: C.AlarmView, permission: 'view' }),
  history: op({ method: 'GET', path: '/history', summary: 'Historized values of one tag over a time range', input: C.HistoryRequest, output: C.HistorySeries, permission: 'view' }),
  stateHistory: op({
    method: 'GET',
    path: '/line/work-centers/{workCenter}/states',
    summary: 'PackML state history of a work center',
    input: z.object({ workCenter: z.string().min(1), from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
    output: z.array(C.StateInterval),
    permission: 'view',
  }),
  workCenterCommand: op({
    method: 'POST',
    path: '/line/work-centers/{workCenter}/command',
    summary: 'Send a PackML command to a work center',
    input: C.WorkCenterCommandRequest,
    output: z.object({ workCenter: z.string(), command: z.string(), from: z.string(), to: z.string() }),
    permission: 'line.command',
  }),
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export type InputOf<K extends OperationName> = z.input<Contract[K]['input']>;
export type OutputOf<K extends OperationName> = z.output<Contract[K]['output']>;

export const API_PREFIX = '/api/v1';
export const STREAM_PATH = '/api/v1/stream';
