import { z } from 'zod';
import { UnsConfig } from '../../config/uns';
import { none, op } from '../operation';

// The plant's Unified Namespace: where the station publishes its line (MQTT, ISA-95 topics), set by engineers.

export const UnsStatusView = z.object({
  /** command line: fixed when the station was started (mes station --uns); settings: the engineers'; off: none. */
  source: z.enum(['command line', 'settings', 'off']),
  url: z.string().nullable(),
  root: z.string().nullable(),
  connected: z.boolean(),
  /** Events of the log the broker has not had yet (they go when it is back). */
  backlog: z.number().int(),
  /** Why it is not connected, as the broker or the network said it (a refused account, say). */
  message: z.string().nullable(),
});

export const UnsView = z.object({
  /** As stored, the password blanked; null: not published. */
  settings: UnsConfig.nullable(),
  status: UnsStatusView,
});
export type UnsView = z.infer<typeof UnsView>;

export const unsApi = {
  getUns: op({ method: 'GET', path: '/uns', summary: "Where the line is published in the plant's Unified Namespace (MQTT), and how that link stands", input: none, output: UnsView, permission: 'view' }),
  saveUns: op({
    method: 'POST',
    path: '/uns',
    summary: "Publish the line to the plant's Unified Namespace (a broker, a topic root, the station's account there), or stop publishing (settings: null)",
    input: z.object({ settings: UnsConfig.nullable() }),
    output: UnsView,
    permission: 'drivers.configure',
  }),
} as const;
