import type { z } from 'zod';
import { ErrorCode, can, fail, findEvent, ok, parseB2mml, type AppError, type CommandContext, type Contract, type OperationName, type OutputOf, type Result, type UserView } from '../../core';
import type { Services } from './ports';

export interface Caller {
  readonly user: UserView | null;
  readonly token: string | null;
  /** The command context of this call: the signed-in user, now, the request's correlation id. */
  readonly context: CommandContext;
}

/** Handlers receive the input after zod parsing (defaults applied). */
type Handler<K extends OperationName> = (input: z.output<Contract[K]['input']>, caller: Caller) => Promise<Result<OutputOf<K>>> | Result<OutputOf<K>>;

const orderPermission = {
  release: 'orders.release',
  dispatch: 'orders.dispatch',
  hold: 'orders.hold',
  resume: 'orders.resume',
  cancel: 'orders.cancel',
  move: 'orders.sequence',
  split: 'orders.sequence',
} as const;

function forbidden(user: UserView, what: string): { ok: false; error: AppError } {
  return fail(ErrorCode.forbidden, `${user.displayName} (${user.role.replace('_', ' ')}) may not ${what}. Ask a shift lead or supervisor.`, {
    role: user.role,
  });
}

/** One implementation per contract operation; transports only validate, authenticate and call these. */
export function createHandlers(s: Services): { [K in OperationName]: Handler<K> } {
  const orderOut = (number: string): Result<OutputOf<'createOrder'>> => {
    const view = s.queries.order(number);
    return view ? ok(view) : fail(ErrorCode.notFound, `Order ${number} does not exist.`);
  };
  return {
    health: () => ok(s.health()),
    login: (input) => s.accounts.signIn(input.username, input.password),
    logout: (_input, caller) => ok({ ended: s.accounts.signOut(caller.token) }),
    me: (_input, caller) => (caller.user ? ok(caller.user) : fail(ErrorCode.unauthenticated, 'Not signed in.')),
    getLine: () => ok(s.queries.line()),
    listOrders: (input) => ok(s.queries.orders(input.status)),
    createOrder: async (input, caller) => {
      const r = await s.commands.receiveOrder(input, caller.context);
      return r.ok ? orderOut(input.number) : r;
    },
    orderAction: async (input, caller) => {
      const user = caller.user;
      if (!user) return fail(ErrorCode.unauthenticated, 'Not signed in.');
      if (!can(user.role, orderPermission[input.action])) return forbidden(user, `${input.action} orders`);
      const r = await s.commands.orderAction(input, input.reason ? { ...caller.context, reason: input.reason } : caller.context);
      return r.ok ? orderOut(input.number) : r;
    },
    importB2mml: async (input, caller) => {
      const parsed = parseB2mml(input.xml, input.defaultDueDate ? { defaultDueDate: input.defaultDueDate } : {});
      if (!parsed.ok) return parsed;
      const m = parsed.value;
      const r = await s.commands.importMessage(m.orders, m.materials, caller.context);
      return r.ok ? ok({ kind: m.kind, version: m.version, ...r.value, warnings: m.warnings }) : r;
    },
    dispatchList: async () => ok(await s.commands.dispatchList()),
    importMasterData: async (input, caller) => {
      const r = await s.commands.importMessage(input.orders, input.materials, caller.context, input.products);
      return r.ok ? ok({ materials: r.value.materials, products: r.value.products, received: r.value.received, unchanged: r.value.unchanged }) : r;
    },
    listProducts: () => ok(s.queries.products()),
    consumeLot: async (input, caller) => {
      const { serial, ...scan } = input;
      const r = await s.commands.consumeLot(serial, scan, caller.context);
      if (!r.ok) return r;
      const d = findEvent(r.value, 'LotConsumed')?.data;
      return d ? ok({ serial, lot: d.lot, material: d.material, operation: d.operation }) : fail(ErrorCode.internal, 'The lot was not recorded.');
    },
    traceLot: (input) => ok(s.reports.traceLot(input.lot, input.material)),
    nextUnit: async (_input, caller) => {
      const r = await s.commands.startNextUnit(caller.context);
      return r.ok ? ok({ serial: r.value }) : r;
    },
    startOperation: async (input, caller) => {
      const r = await s.commands.startAtTerminal(input.serial, input.workCenter, caller.context);
      if (!r.ok) return r;
      const unit = s.reports.asBuilt(input.serial);
      const current = unit?.operations.filter((o) => o.workCenter === input.workCenter).pop();
      return ok({ serial: input.serial, operation: current?.operation ?? 0, workCenter: input.workCenter });
    },
    completeOperation: async (input, caller) => {
      // At the terminal every component of the operation must be scanned first (BOM compliance).
      const r = await s.commands.completeOperation(input.serial, input.workCenter, input.readings, 'good', caller.context, true);
      if (!r.ok) return r;
      const done = findEvent(r.value, 'OperationCompleted')?.data;
      const scrap = findEvent(r.value, 'UnitScrapped')?.data;
      const rework = findEvent(r.value, 'UnitSentToRework')?.data;
      const status = r.value.some((e) => e.type === 'UnitCompleted') ? 'completed' : scrap ? 'scrapped' : 'queued';
      return ok({
        serial: input.serial,
        operation: done?.operation ?? 0,
        result: done?.result ?? 'fail',
        unitStatus: status,
        reason: scrap?.reason ?? rework?.reason ?? null,
        reworkTo: rework?.toOperation ?? null,
      });
    },
    terminal: (input) => {
      const view = s.queries.terminal(input.workCenter);
      return view ? ok(view) : fail(ErrorCode.notFound, `There is no work center ${input.workCenter} on this line.`);
    },
    reportQuantity: async (input, caller) => {
      const { number, ...report } = input;
      const r = await s.commands.reportQuantity(number, { ...report, ...(input.reason ? { reason: input.reason } : {}) }, caller.context);
      return r.ok ? orderOut(number) : r;
    },
    listStock: () => ok(s.queries.stock()),
    countStock: async (input, caller) => {
      const r = await s.commands.countStock(input.material, input.revision, input.onHand, input.source, caller.context);
      if (!r.ok) return r;
      const item = s.queries.stock().find((x) => x.material === input.material && x.revision === input.revision);
      return item ? ok(item) : fail(ErrorCode.internal, 'The count was not recorded.');
    },
    scrapUnit: async (input, caller) => {
      const r = await s.commands.scrapUnit(input.serial, input.reason, caller.context);
      return r.ok ? ok({ serial: input.serial, unitStatus: 'scrapped' }) : r;
    },
    orderPerformance: (input) => {
      const r = s.reports.performance(input.number, input.format);
      return r ? ok(r) : fail(ErrorCode.notFound, `Order ${input.number} does not exist.`);
    },
    asBuilt: (input) => {
      const r = s.reports.asBuilt(input.serial);
      return r ? ok(r) : fail(ErrorCode.notFound, `No unit with serial ${input.serial} was built here.`);
    },
    listWip: () => ok(s.queries.wip()),
    getConfig: () => ok(s.connectivity.config()),
    listConnections: () => ok(s.connectivity.connections()),
    saveConnection: (input, caller) => s.connectivity.saveConnection(input, caller.context),
    removeConnection: (input, caller) => s.connectivity.removeConnection(input.id, caller.context),
    testConnection: async (input) => ok(await s.connectivity.testConnection(input)),
    browse: (input) => s.connectivity.browse(input.id, input.address ?? null),
    readTags: async (input) => ok(await s.connectivity.readTags(input.tags)),
    listCertificates: (input) => s.connectivity.certificates(input.id),
    certificateAction: (input) => s.connectivity.certificateAction(input.id, input.thumbprint, input.action),
    saveMapping: (input, caller) => s.connectivity.saveSection('mapping', input, caller.context),
    saveAlarmDefinitions: (input, caller) => s.connectivity.saveSection('alarms', input.alarms, caller.context),
    saveHistorian: (input, caller) => s.connectivity.saveSection('historian', input, caller.context),
    listAlarms: (input) => ok(s.connectivity.alarms(input.scope)),
    alarmAction: (input, caller) => {
      const user = caller.user;
      if (!user) return fail(ErrorCode.unauthenticated, 'Not signed in.');
      const permission = input.action === 'acknowledge' ? 'alarms.acknowledge' : 'alarms.shelve';
      if (!can(user.role, permission)) return forbidden(user, `${input.action} alarms`);
      return s.connectivity.alarmAction(input, caller.context);
    },
    history: (input) => {
      if (Date.parse(input.to) <= Date.parse(input.from)) return fail(ErrorCode.validation, 'The time range is empty: "to" must be after "from".');
      return ok(s.connectivity.history({ connection: input.connection, address: input.address }, input.from, input.to, input.maxPoints));
    },
    stateHistory: (input) => ok(s.connectivity.stateHistory(input.workCenter, input.from, input.to)),
    workCenterCommand: (input, caller) => s.connectivity.command(input.workCenter, input.command, caller.context),
    listEvents: (input) => ok(s.queries.events(input.after, input.limit, input.stream)),
  };
}
