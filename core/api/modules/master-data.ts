import { z } from 'zod';
import { MaterialDefinition, ProductDefinition } from '../../material/model';
import { none, op } from '../operation';
import { CreateOrderRequest, isoDateTime } from '../schemas';

// Master data and what ERP sends: materials, product revisions (BOM and routing), B2MML messages, stock counts.

/** The largest B2MML message taken over HTTP. */
export const B2MML_MAX_BYTES = 16 * 2 ** 20;
/** The largest master-data message (materials, products, orders as JSON) taken over HTTP. */
const MASTER_DATA_MAX_BYTES = 16 * 2 ** 20;

export const StockItem = z.object({ material: z.string(), revision: z.string(), description: z.string(), onHand: z.number(), updatedAt: isoDateTime });
export type StockItem = z.infer<typeof StockItem>;

export const masterDataApi = {
  importB2mml: op({
    method: 'POST',
    path: '/b2mml',
    summary:
      'Import a B2MML message (ProductionSchedule V0401/V0600, OperationsSchedule V7, MaterialDefinition; ProductDefinition V0600 and OperationsDefinition V7: a new product is defined, a new revision of a product here becomes an engineering change): all or nothing, idempotent',
    input: z.object({
      xml: z.string().min(1, 'The message is empty.').max(B2MML_MAX_BYTES),
      /** For schedules that carry no end time. */
      defaultDueDate: z.iso.date().optional(),
    }),
    output: z.object({
      kind: z.string(),
      version: z.string(),
      received: z.array(z.string()),
      unchanged: z.array(z.string()),
      materials: z.number().int(),
      /** Product revisions defined (new products). */
      products: z.number().int(),
      /** Engineering changes submitted (new revisions of products here), waiting for approval. */
      changes: z.array(z.string()),
      warnings: z.array(z.string()),
    }),
    permission: 'b2mml.import',
    // A schedule of 10,000 orders is about 5 MiB.
    body: { xml: true, maxBytes: B2MML_MAX_BYTES },
  }),
  importMasterData: op({
    method: 'POST',
    path: '/master-data',
    summary: 'Define materials and product revisions (BOM and routing), and receive orders, as ERP or PLM sends them: all or nothing, idempotent',
    input: z
      .object({
        materials: z.array(MaterialDefinition).default([]),
        products: z.array(ProductDefinition).default([]),
        orders: z.array(CreateOrderRequest).default([]),
      })
      // A key this does not know is refused, not dropped: a file meant for something else is not "imported" empty.
      .strict(),
    output: z.object({ materials: z.number().int(), products: z.number().int(), received: z.array(z.string()), unchanged: z.array(z.string()) }),
    permission: 'master.define',
    body: { maxBytes: MASTER_DATA_MAX_BYTES },
  }),
  listProducts: op({
    method: 'GET',
    path: '/products',
    summary: 'Product revisions with their BOM and routing',
    input: none,
    output: z.array(ProductDefinition),
    permission: 'view',
  }),
  listStock: op({ method: 'GET', path: '/stock', summary: 'Material on hand, as counted by the warehouse less what was scanned into units', input: none, output: z.array(StockItem), permission: 'view' }),
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
    output: StockItem,
    permission: 'orders.create',
  }),
} as const;
