import { z } from 'zod';

/** Material definition with its revision (ISA-95 material model). */
export const MaterialDefinition = z.object({
  id: z.string().min(1).max(64),
  revision: z.string().min(1).max(16),
  description: z.string().max(200).default(''),
  unitOfMeasure: z.string().min(1).max(16).default('ea'),
});
export type MaterialDefinition = z.infer<typeof MaterialDefinition>;

export const BomItem = z.object({
  material: z.string().min(1),
  revision: z.string().min(1),
  quantity: z.number().positive(),
  /** Materials engineering allows in its place (proposed when it runs short; using one is the shift's decision). */
  alternates: z.array(z.object({ material: z.string().min(1), revision: z.string().min(1) })).optional(),
});
export type BomItem = z.infer<typeof BomItem>;

export const MeasurementSpec = z
  .object({
    name: z.string().min(1).max(64),
    unit: z.string().max(16),
    low: z.number(),
    high: z.number(),
  })
  .refine((m) => m.low <= m.high, { message: 'measurement low limit must not exceed its high limit' });
export type MeasurementSpec = z.infer<typeof MeasurementSpec>;

export const Operation = z.object({
  /** Operation number in routing order: 10, 20, 30 … */
  seq: z.number().int().positive(),
  name: z.string().min(1).max(80),
  workCenter: z.string().min(1),
  standardCycleSeconds: z.number().positive(),
  components: z.array(z.object({ material: z.string().min(1), quantity: z.number().positive() })).default([]),
  measurements: z.array(MeasurementSpec).default([]),
  instruction: z.string().max(4000).default(''),
  /**
   * What a failed check here leads to, as engineering wrote it: the unit is scrapped (reject), or sent back to an
   * operation of the routing to be reworked (reworkTo: this one or an earlier one; its checks run again).
   */
  onFail: z.enum(['reject', 'rework']).default('reject'),
  reworkTo: z.number().int().positive().optional(),
});
export type Operation = z.infer<typeof Operation>;

export const Routing = z
  .array(Operation)
  .min(1)
  .refine((ops) => ops.every((op, i) => i === 0 || op.seq > (ops[i - 1]?.seq ?? 0)), {
    message: 'routing operations must be in ascending operation number',
  })
  .refine((ops) => ops.every((op) => op.reworkTo === undefined || ops.some((o) => o.seq === op.reworkTo && o.seq <= op.seq)), {
    message: 'reworkTo must name this operation or an earlier one of the same routing',
  });

/**
 * One value of a product option (a seal material, an actuator): what it adds to the base revision or puts in place of
 * part of it. See core/material/configuration.
 */
export const OptionValue = z.object({
  value: z.string().trim().min(1).max(40),
  description: z.string().max(200).default(''),
  /** BOM lines it adds, or puts in place of the base line of `replaces`. */
  bom: z.array(BomItem.extend({ replaces: z.string().min(1).optional() })).default([]),
  /** At operations of the base routing: components added (or in place of `replaces`), checks added or replacing the one of the same name, text added to the instruction. */
  operations: z
    .array(
      z.object({
        seq: z.number().int().positive(),
        components: z.array(z.object({ material: z.string().min(1), quantity: z.number().positive(), replaces: z.string().min(1).optional() })).default([]),
        measurements: z.array(MeasurementSpec).default([]),
        instruction: z.string().max(2000).default(''),
      }),
    )
    .default([]),
  /** Operations it adds to the routing, placed by their number. */
  addOperations: z.array(Operation).default([]),
});
export type OptionValue = z.infer<typeof OptionValue>;

/** A configurable product's option: its name and the values an order chooses from. */
export const ProductOption = z.object({
  name: z.string().trim().min(1).max(40),
  values: z.array(OptionValue).min(1, 'An option needs at least one value.'),
});
export type ProductOption = z.infer<typeof ProductOption>;

/** An order's choice for each option of a configurable product. */
export const Configuration = z.record(z.string().min(1).max(40), z.string().min(1).max(40));
export type Configuration = z.infer<typeof Configuration>;

/** A product revision: what to build (BOM) and how (routing). */
export const ProductDefinition = z.object({
  product: z.string().min(1).max(64),
  revision: z.string().min(1).max(16),
  description: z.string().max(200).default(''),
  bom: z.array(BomItem).default([]),
  routing: Routing,
  /**
   * serial: every unit has a serial number and its own as-built record. lot: the order is built as one lot;
   * operators report quantities per operation and may pass part of the lot on to the next operation.
   */
  tracking: z.enum(['serial', 'lot']).default('serial'),
  /** A configurable product: each order names a value of every option; each unit is built to the base plus those. */
  options: z.array(ProductOption).optional(),
});
export type ProductDefinition = z.infer<typeof ProductDefinition>;

export const MasterData = z.object({
  materials: z.array(MaterialDefinition),
  products: z.array(ProductDefinition),
});
export type MasterData = z.infer<typeof MasterData>;

export function judgeMeasurement(spec: MeasurementSpec, value: number): 'pass' | 'fail' {
  return Number.isFinite(value) && value >= spec.low && value <= spec.high ? 'pass' : 'fail';
}
