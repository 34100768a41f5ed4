import { z } from 'zod';
import { op } from '../operation';
import { OrderNumber, isoDateTime } from '../schemas';
import { SignatureView } from './audit';

// What was built: a unit's as-built record, a lot's genealogy forward, an order's performance for ERP.

export const AsBuiltView = z.object({
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
      /** The product revision this attempt was built to (an engineering change may move a unit in work to another). */
      revision: z.string().nullable(),
    }),
  ),
  /** Engineering changes carried into the unit: from which revision to which, with what disposition, when, by whom. */
  revisions: z.array(
    z.object({ change: z.string(), from: z.string(), to: z.string(), disposition: z.string(), reason: z.string().nullable(), at: z.string(), by: z.string() }),
  ),
  /** Held for a disposition under this change (null: not held). */
  heldFor: z.string().nullable(),
  /** Electronic signatures over the unit's record (a scrap's disposition), with the event each signs (11.50). */
  signatures: z.array(SignatureView.extend({ seq: z.number().int(), type: z.string(), operation: z.number().int().nullable() })),
  /** The genealogy, backward: every component lot built into this unit. */
  lots: z.array(
    z.object({ material: z.string(), revision: z.string(), lot: z.string(), operation: z.number().int(), quantity: z.number(), at: z.string(), by: z.string() }),
  ),
});
export type AsBuiltView = z.infer<typeof AsBuiltView>;

/** One unit a lot went into. */
export const LotUseView = z.object({
  serial: z.string(),
  order: z.string(),
  material: z.string(),
  revision: z.string(),
  operation: z.number().int(),
  workCenter: z.string(),
  at: z.string(),
  unitStatus: z.string(),
});
export type LotUseView = z.infer<typeof LotUseView>;

/** Where the explorer starts, and which way it goes. */
export const GenealogyQuery = z.object({
  kind: z.enum(['serial', 'lot', 'order', 'material']),
  id: z.string().trim().min(1, 'Say which serial, lot, order or material.').max(80),
  direction: z.enum(['forward', 'backward', 'both']).default('both'),
  maxNodes: z.coerce.number().int().min(10).max(2000).default(300),
});
export type GenealogyQuery = z.infer<typeof GenealogyQuery>;

export const GenealogyGraph = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['unit', 'lot', 'order']),
      label: z.string(),
      /** A unit's status. */
      status: z.string().nullable(),
      /** A lot's material, a unit's product and revision. */
      material: z.string().nullable(),
      order: z.string().nullable(),
    }),
  ),
  /** Component → what it went into. */
  edges: z.array(z.object({ from: z.string(), to: z.string(), material: z.string(), operation: z.number().int() })),
  /** More was reached than the graph shows (maxNodes). */
  truncated: z.boolean(),
});
export type GenealogyGraph = z.infer<typeof GenealogyGraph>;

/** A recall starts from a suspect lot, or from a time window at a work center. */
export const RecallQuery = z.union([
  z.object({ lot: z.string().trim().min(1).max(80) }),
  z.object({ workCenter: z.string().trim().min(1).max(40), from: isoDateTime, to: isoDateTime }),
]);
export type RecallQuery = z.infer<typeof RecallQuery>;

export const RecallList = z.object({
  units: z.array(
    z.object({
      serial: z.string(),
      order: z.string(),
      product: z.string(),
      revision: z.string(),
      status: z.string(),
      endedAt: z.string().nullable(),
      /** What reached it: the lot, the work center, or the sub-assembly it was built from. */
      via: z.string(),
      /** 0: reached directly; 1 and more: through sub-assemblies. */
      depth: z.number().int(),
    }),
  ),
  orders: z.array(z.object({ number: z.string(), product: z.string(), revision: z.string(), units: z.number().int() })),
});
export type RecallList = z.infer<typeof RecallList>;

export const genealogyApi = {
  genealogyGraph: op({
    method: 'GET',
    path: '/genealogy/graph',
    summary: 'The genealogy around a serial, lot, order or material, forward and backward through sub-assemblies, as a graph',
    input: GenealogyQuery,
    output: GenealogyGraph,
    permission: 'view',
  }),
  recall: op({
    method: 'GET',
    path: '/genealogy/recall',
    summary: 'Every unit and order a suspect lot (or a time window at a work center) reached, through sub-assemblies too',
    input: RecallQuery,
    output: RecallList,
    permission: 'view',
  }),
  exportRecall: op({
    method: 'GET',
    path: '/genealogy/recall/export',
    summary: 'The recall list as CSV, one row per affected unit',
    input: RecallQuery,
    output: z.object({ fileName: z.string(), contentType: z.string(), base64: z.string(), units: z.number().int(), orders: z.number().int() }),
    permission: 'view',
  }),
  asBuilt: op({
    method: 'GET',
    path: '/units/{serial}',
    summary: 'A unit\'s as-built record: every operation with work center, times, result and measurements',
    input: z.object({ serial: z.string().min(1).max(80) }),
    output: AsBuiltView,
    permission: 'view',
  }),
  traceLot: op({
    method: 'GET',
    path: '/genealogy/lots/{lot}',
    summary: 'The genealogy, forward: every unit a component lot went into',
    input: z.object({ lot: z.string().min(1).max(80), material: z.string().optional() }),
    output: z.array(LotUseView),
    permission: 'view',
  }),
  orderPerformance: op({
    method: 'GET',
    path: '/orders/{number}/performance',
    summary: 'What was built for an order, for ERP: B2MML ProductionPerformance (V0600) or OperationsPerformance (V7)',
    input: z.object({ number: OrderNumber, format: z.enum(['v0600', 'v7']).default('v0600') }),
    output: z.object({ fileName: z.string(), xml: z.string() }),
    permission: 'view',
  }),
} as const;
