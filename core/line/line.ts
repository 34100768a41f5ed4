import { z } from 'zod';
import { PACKML_STATES } from '../packml/states';
import { accept, refuse, type Decider } from '../shared/decider';
import { ErrorCode } from '../shared/errors';

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'an id is 1 to 32 letters, digits, _ or -');

/** One work center of a line, as an engineer sets it up. */
export const WorkCenterSetup = z.object({
  id: Id,
  name: z.string().trim().min(1, 'give the work center a name').max(80),
  /** What it does, in the plant's words (press-fit, leak test…). */
  description: z.string().max(400).default(''),
  /** Folder of its tags on the line PLC (below the line folder), where the PLC has one. */
  plcFolder: z.string().max(200).default(''),
  /** How the PLC's own state values map to PackML states (e.g. "RUN" → Execute); PackML names and numbers are understood without it. */
  packml: z.record(z.string().min(1).max(40), z.enum(PACKML_STATES)).default({}),
});
export type WorkCenterSetup = z.infer<typeof WorkCenterSetup>;

/** A line in its ISA-95 place (site → area → line) with its work centers in line order. */
export const LineSetup = z
  .object({
    site: z.object({ id: Id, name: z.string().trim().min(1).max(80) }),
    area: z.object({ id: Id, name: z.string().trim().min(1).max(80) }),
    line: z.object({ id: Id, name: z.string().trim().min(1).max(80), workCenters: z.array(WorkCenterSetup).min(1, 'a line has at least one work center') }),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.line.workCenters.forEach((w, i) => {
      if (seen.has(w.id)) ctx.addIssue({ code: 'custom', path: ['line', 'workCenters', i, 'id'], message: `work center ${w.id} is on the line twice` });
      seen.add(w.id);
    });
  });
export type LineSetup = z.infer<typeof LineSetup>;
export type LineSetupInput = z.input<typeof LineSetup>;

export type LineEvent = {
  readonly type: 'LineConfigured';
  readonly data: { readonly line: string; readonly before: LineSetup | null; readonly after: LineSetup };
};
export type LineState = { readonly setup: LineSetup | null };

/** Set up (or change) a line. `inUse`: for each work center, what on the record still needs it (units there, orders routed through it). */
export interface ConfigureLine {
  readonly type: 'ConfigureLine';
  readonly setup: LineSetup;
  readonly inUse: Readonly<Record<string, readonly string[]>>;
}
export type LineCommand = ConfigureLine;

/**
 * A line's setup. A change records the line before and after. A work center that units or orders still use cannot
 * be taken off the line, and the refusal says what uses it; nor can a line change its id (a new line is a new line).
 */
export const lineDecider: Decider<LineState, LineCommand, LineEvent> = {
  initialState: () => ({ setup: null }),
  decide(command, state) {
    const next = command.setup;
    const before = state.setup;
    if (before && before.line.id !== next.line.id) {
      return refuse(ErrorCode.validation, `This is line ${before.line.id}; a line keeps its id. Set up line ${next.line.id} as a line of its own.`);
    }
    if (before && JSON.stringify(before) === JSON.stringify(next)) return accept();
    const removed = (before?.line.workCenters ?? []).filter((w) => !next.line.workCenters.some((n) => n.id === w.id));
    const blocked = removed.filter((w) => (command.inUse[w.id] ?? []).length > 0);
    if (blocked.length > 0) {
      const why = blocked.map((w) => `${w.id} (${(command.inUse[w.id] ?? []).slice(0, 5).join(', ')})`).join('; ');
      return refuse(ErrorCode.conflict, `Work centers still in use cannot be removed: ${why}. Finish or move that work first.`, {
        inUse: Object.fromEntries(blocked.map((w) => [w.id, [...(command.inUse[w.id] ?? [])]])),
      });
    }
    return accept({ type: 'LineConfigured', data: { line: next.line.id, before, after: next } });
  },
  evolve: (_state, event) => ({ setup: event.data.after }),
};
