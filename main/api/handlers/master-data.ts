import {
  ErrorCode,
  fail,
  ok,
  type B2mmlImport,
  type B2mmlOptions,
  type CommandContext,
  type CreateOrderRequest,
  type DomainEvent,
  type MaterialDefinition,
  type ProductDefinition,
  type Result,
  type StockItem,
  type masterDataApi,
} from '../../../core';
import { requirePermission, type Handlers } from './handler';

/** What master data, imports and stock need of the station. */
export interface MasterDataPorts {
  /** Reads B2MML off the station's loop (a 10,000-order schedule is megabytes). */
  readonly b2mml: { read(xml: string, options?: B2mmlOptions): Promise<Result<B2mmlImport>> };
  readonly commands: {
    importMessage(
      orders: readonly CreateOrderRequest[],
      materials: readonly MaterialDefinition[],
      ctx: CommandContext,
      products?: readonly ProductDefinition[],
    ): Promise<Result<{ received: string[]; unchanged: string[]; materials: number; products: number }>>;
    countStock(material: string, revision: string, onHand: number, source: string, ctx: CommandContext): Promise<Result<readonly DomainEvent[]>>;
  };
  readonly queries: { products(): ProductDefinition[]; stock(): StockItem[] };
  readonly changes: {
    materialRevisions(): Record<string, string>;
    fromDefinitions(products: readonly ProductDefinition[], kind: string, ctx: CommandContext): Promise<Result<{ changes: string[]; fresh: ProductDefinition[] }>>;
  };
}

export function masterDataHandlers(s: MasterDataPorts): Handlers<typeof masterDataApi> {
  return {
    importB2mml: async (input, caller) => {
      const parsed = await s.b2mml.read(input.xml, {
        ...(input.defaultDueDate ? { defaultDueDate: input.defaultDueDate } : {}),
        materialRevisions: s.changes.materialRevisions(),
      });
      if (!parsed.ok) return parsed;
      const m = parsed.value;
      // What the message does decides who may send it: orders need a planner, definitions an engineer.
      const defines = m.products.length > 0 || m.kind === 'MaterialDefinition' || m.kind === 'MaterialInformation';
      const refused = defines
        ? requirePermission(caller, 'master.define', `define materials or products (a ${m.kind})`)
        : requirePermission(caller, 'orders.create', `create orders (a ${m.kind})`);
      if (refused) return refused;
      // A new revision of a product here is an engineering change (impact, approval); a product new here is defined.
      const taken = await s.changes.fromDefinitions(m.products, m.kind, caller.context);
      if (!taken.ok) return taken;
      const { changes, fresh } = taken.value;
      const r = await s.commands.importMessage(m.orders, m.materials, caller.context, fresh);
      return r.ok ? ok({ kind: m.kind, version: m.version, ...r.value, changes, warnings: m.warnings }) : r;
    },
    importMasterData: async (input, caller) => {
      // Defining master data does not make one a planner: orders in the message need the right to create orders too.
      if (input.orders.length > 0) {
        const refused = requirePermission(caller, 'orders.create', `create orders (${input.orders.length} in this message)`);
        if (refused) return refused;
      }
      const r = await s.commands.importMessage(input.orders, input.materials, caller.context, input.products);
      return r.ok ? ok({ materials: r.value.materials, products: r.value.products, received: r.value.received, unchanged: r.value.unchanged }) : r;
    },
    listProducts: () => ok(s.queries.products()),
    listStock: () => ok(s.queries.stock()),
    countStock: async (input, caller) => {
      const r = await s.commands.countStock(input.material, input.revision, input.onHand, input.source, caller.context);
      if (!r.ok) return r;
      const item = s.queries.stock().find((x) => x.material === input.material && x.revision === input.revision);
      return item ? ok(item) : fail(ErrorCode.internal, 'The count was not recorded.');
    },
  };
}
