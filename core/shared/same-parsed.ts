import type { z } from 'zod';

/** Whether two values are the same once parsed now: one stored before a field was added lacks its default, and is still the same. */
export function sameParsed<S extends z.ZodType>(schema: S, a: z.input<S>, b: z.input<S>): boolean {
  return JSON.stringify(schema.parse(a)) === JSON.stringify(schema.parse(b));
}
