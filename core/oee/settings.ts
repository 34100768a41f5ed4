import { z } from 'zod';
import { PACKML_STATES, type PackMLState } from '../packml/states';
import { accept, type Decider } from '../shared/decider';
import type { ShiftCalendar } from './calendar';
import type { ReasonTree } from './downtime';
import { DEFAULT_TIME_CLASSES, type TimeClass } from './time-model';

export const TIME_CLASSES = ['run', 'down', 'delay', 'planned'] as const satisfies readonly TimeClass[];

/**
 * How a line's PackML states count in ISO 22400 times, as engineers set them (states not named keep the default),
 * and how short a stop may be and still be a micro-stop (grouped, not a downtime record of its own).
 */
export const TimeClassSettings = z.object({
  classes: z.partialRecord(z.enum(PACKML_STATES), z.enum(TIME_CLASSES)).default({}),
  microStopSeconds: z.number().int().min(0).max(3600).default(120),
  /** Rejects made this soon after a restart (run again after a stop that was not a micro-stop) are startup rejects. */
  startupMinutes: z.number().int().min(0).max(240).default(5),
});
export type TimeClassSettings = z.infer<typeof TimeClassSettings>;

/** The whole mapping: the engineers' choices over the default. */
export const timeClassesOf = (s: TimeClassSettings | null): Readonly<Record<PackMLState, TimeClass>> => ({ ...DEFAULT_TIME_CLASSES, ...(s?.classes ?? {}) });

export type ProductionSettingsEvent =
  | { readonly type: 'ShiftCalendarSet'; readonly data: { readonly line: string; readonly calendar: ShiftCalendar; readonly before: ShiftCalendar | null } }
  | { readonly type: 'TimeClassesSet'; readonly data: { readonly line: string; readonly settings: TimeClassSettings; readonly before: TimeClassSettings | null } }
  | { readonly type: 'DowntimeReasonsSet'; readonly data: { readonly line: string; readonly tree: ReasonTree; readonly before: ReasonTree | null } };

export type ProductionSettingsCommand =
  | { readonly type: 'SetShiftCalendar'; readonly line: string; readonly calendar: ShiftCalendar }
  | { readonly type: 'SetTimeClasses'; readonly line: string; readonly settings: TimeClassSettings }
  | { readonly type: 'SetDowntimeReasons'; readonly line: string; readonly tree: ReasonTree };

export interface ProductionSettingsState {
  readonly calendar: ShiftCalendar | null;
  readonly timeClasses: TimeClassSettings | null;
  readonly reasons: ReasonTree | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A line's shift calendar and time classes (stream production:<line>). Each change records what it was before; a
 * change that changes nothing records nothing. Shifts already over keep the calendar they ran to (the read model keeps
 * each version with the time it was set).
 */
export const productionSettingsDecider: Decider<ProductionSettingsState, ProductionSettingsCommand, ProductionSettingsEvent> = {
  initialState: () => ({ calendar: null, timeClasses: null, reasons: null }),
  decide(command, state) {
    if (command.type === 'SetShiftCalendar') {
      if (same(state.calendar, command.calendar)) return accept();
      return accept({ type: 'ShiftCalendarSet', data: { line: command.line, calendar: command.calendar, before: state.calendar } });
    }
    if (command.type === 'SetDowntimeReasons') {
      if (same(state.reasons, command.tree)) return accept();
      return accept({ type: 'DowntimeReasonsSet', data: { line: command.line, tree: command.tree, before: state.reasons } });
    }
    if (same(state.timeClasses, command.settings)) return accept();
    return accept({ type: 'TimeClassesSet', data: { line: command.line, settings: command.settings, before: state.timeClasses } });
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'ShiftCalendarSet':
        return { ...state, calendar: event.data.calendar };
      case 'TimeClassesSet':
        return { ...state, timeClasses: event.data.settings };
      case 'DowntimeReasonsSet':
        return { ...state, reasons: event.data.tree };
    }
  },
};
