import { z } from 'zod';
import { ErrorCode, fail, ok, type Result } from '../../core';

/** How the simulator's line behaves (resources/demo/simulator.json). */
const Id = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ or -, at most 32');

export const MeasurementProfile = z
  .object({
    name: z.string().min(1),
    unit: z.string(),
    nominal: z.number(),
    sd: z.number().nonnegative(),
    low: z.number(),
    high: z.number(),
  })
  .refine((m) => m.low <= m.high, { message: 'low must not be above high', path: ['low'] });
export type MeasurementProfile = z.infer<typeof MeasurementProfile>;

export const WorkCenterProfile = z.object({
  id: Id,
  // Becomes part of a dotted node id "<line>.<folder>.<Tag>", so no dots.
  plcFolder: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ or -'),
  cycleSeconds: z.number().positive(),
  measurement: MeasurementProfile,
});
export type WorkCenterProfile = z.infer<typeof WorkCenterProfile>;

export const SimulatorProfile = z.object({
  lineId: Id,
  bufferCapacity: z.number().int().min(1).max(1000),
  shortStopProbability: z.number().min(0).max(1),
  shortStopSeconds: z
    .tuple([z.number().nonnegative(), z.number().nonnegative()])
    .refine(([min, max]) => min <= max, { message: 'shortest stop must not be longer than the longest' }),
  workCenters: z
    .array(WorkCenterProfile)
    .min(1)
    .max(100)
    .refine((wcs) => new Set(wcs.map((w) => w.id)).size === wcs.length, { message: 'work center ids must be unique' })
    .refine((wcs) => new Set(wcs.map((w) => w.plcFolder)).size === wcs.length, { message: 'PLC folders must be unique' }),
});
export type SimulatorProfile = z.infer<typeof SimulatorProfile>;

/** Validates a simulator profile given as parsed JSON or as JSON text. */
export function loadSimulatorProfile(json: unknown): Result<SimulatorProfile> {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json) as unknown;
    } catch (err) {
      return fail(ErrorCode.validation, `The simulator profile is not valid JSON: ${(err as Error).message}`);
    }
  }
  const parsed = SimulatorProfile.safeParse(data);
  if (parsed.success) return ok(parsed.data);
  const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(profile)'}: ${i.message}`);
  return fail(ErrorCode.validation, `The simulator profile is not valid: ${problems.join('; ')}`, { problems });
}
