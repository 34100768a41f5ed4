import { z } from 'zod';
import { PACKML_COMMANDS } from '../../packml/model';
import { PACKML_STATES } from '../../packml/states';
import { LineSetup } from '../../line';
import { none, op } from '../operation';
import { isoDateTime } from '../schemas';

// The line: its work centers with live states, the units on it, and machine commands.

export const WorkCenterView = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  state: z.union([z.enum(PACKML_STATES), z.literal('Unknown')]),
  stateSince: isoDateTime.nullable(),
  /** The unit in the machine now, if any. */
  unit: z.object({ serial: z.string(), order: z.string(), since: isoDateTime }).nullable(),
  /** Units whose next operation is here and that are waiting for it. */
  queue: z.number().int().nonnegative(),
  /** Units here held for a disposition under an engineering change: no work on them until someone decides. */
  held: z.number().int().nonnegative(),
  counters: z.object({ good: z.number().int(), rejected: z.number().int() }),
  lastMeasurement: z.object({ name: z.string(), value: z.number(), unit: z.string(), result: z.enum(['pass', 'fail']) }).nullable(),
  /** Stops here (not micro-stops) still without a reason: shown until each has one. */
  stopsWithoutReason: z.number().int().nonnegative(),
  /** Quality of the connection to this work center's PLC: 'bad' values are never shown as live. */
  quality: z.enum(['good', 'bad']),
});
export type WorkCenterView = z.infer<typeof WorkCenterView>;

export const LineView = z.object({
  /** null (with line and area) while no line is set up on this station: the screen says what to do next. */
  site: z.object({ id: z.string(), name: z.string() }).nullable(),
  area: z.object({ id: z.string(), name: z.string() }).nullable(),
  line: z.object({ id: z.string(), name: z.string() }).nullable(),
  workCenters: z.array(WorkCenterView),
  plc: z.object({ connected: z.boolean(), message: z.string() }),
  /** Units finished (good) on this line. */
  output: z.object({ good: z.number().int(), scrapped: z.number().int() }),
});
export type LineView = z.infer<typeof LineView>;

export const WipItem = z.object({
  serial: z.string(),
  order: z.string(),
  product: z.string(),
  operation: z.number().int(),
  operationName: z.string(),
  workCenter: z.string(),
  status: z.enum(['queued', 'in_operation']),
  since: isoDateTime,
  /** Operations still to do, this one included, of how many. */
  remainingOperations: z.number().int(),
  operations: z.number().int(),
  /** Expected finish: remaining standard times, scaled by the line's current performance. */
  eta: isoDateTime,
  /** Held for a disposition under this engineering change (null: not held). */
  heldFor: z.string().nullable(),
});
export type WipItem = z.infer<typeof WipItem>;

export const WorkCenterCommandRequest = z.object({ workCenter: z.string().min(1), command: z.enum(PACKML_COMMANDS) });

export const lineApi = {
  getLineSetup: op({
    method: 'GET',
    path: '/line/setup',
    summary: 'The line as engineers set it up: site, area, line and its work centers in order (null while none is)',
    input: none,
    output: LineSetup.nullable(),
    permission: 'view',
  }),
  configureLine: op({
    method: 'POST',
    path: '/line/setup',
    summary: 'Set up or change the line (recorded with before and after; a work center in use is not removed)',
    input: LineSetup,
    output: LineSetup,
    permission: 'line.configure',
  }),
  getLine: op({ method: 'GET', path: '/line', summary: 'Equipment with live states, units and queues', input: none, output: LineView, permission: 'view' }),
  listWip: op({ method: 'GET', path: '/wip', summary: 'Every unit on the line: serial, order, operation, work center, since', input: none, output: z.array(WipItem), permission: 'view' }),
  workCenterCommand: op({
    method: 'POST',
    path: '/line/work-centers/{workCenter}/command',
    summary: 'Send a PackML command to a work center',
    input: WorkCenterCommandRequest,
    output: z.object({ workCenter: z.string(), command: z.string(), from: z.string(), to: z.string() }),
    permission: 'line.command',
  }),
} as const;
