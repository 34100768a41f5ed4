import { z } from 'zod';
import { op } from '../operation';
import { isoDateTime } from '../schemas';

// The event log: the record of who did what, when, under which request.

export const EventView = z.object({
  seq: z.number().int(),
  stream: z.string(),
  type: z.string(),
  at: isoDateTime,
  actor: z.string(),
  /** The request that caused it: every event of one command shares it (null before correlation ids were kept). */
  correlationId: z.string().nullable(),
  data: z.unknown(),
});
export type EventView = z.infer<typeof EventView>;

export const auditApi = {
  listEvents: op({
    method: 'GET',
    path: '/events',
    summary: 'The event log (the record), newest last',
    input: z.object({ after: z.coerce.number().int().nonnegative().default(0), limit: z.coerce.number().int().min(1).max(1000).default(200), stream: z.string().optional() }),
    output: z.array(EventView),
    permission: 'view',
  }),
} as const;
