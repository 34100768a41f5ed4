import { z } from 'zod';
import { op } from '../operation';
import { OrderNumber } from '../schemas';

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
    }),
  ),
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

export const genealogyApi = {
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
