import { judgeMeasurement, type Configuration, type MeasurementSpec } from '../material/model';
import { accept, refuse, type Decider } from '../shared/decider';
import { ErrorCode } from '../shared/errors';
import { placeOnRevision } from './placement';

/** The routing as it was when the unit started: a unit keeps the revision it was built to. */
export interface UnitOperation {
  readonly seq: number;
  readonly name: string;
  readonly workCenter: string;
  readonly measurements: readonly MeasurementSpec[];
  /** Components to consume here, with the BOM revision each must have. Older units may lack it. */
  readonly components?: readonly { readonly material: string; readonly revision: string; readonly quantity: number }[];
  /** What a failed check leads to (routing): reject (scrap, the default) or rework at reworkTo (this operation if absent). */
  readonly onFail?: 'reject' | 'rework';
  readonly reworkTo?: number;
  /** The product revision this operation is built to, once a change has revised the unit (absent: the unit's own). */
  readonly revision?: string;
  /** What an engineering change changed here, in words, for the operator (absent: nothing since the unit started). */
  readonly changed?: { readonly change: string; readonly from: string; readonly what: readonly string[] };
}

/** What becomes of a unit in work that an engineering change reaches (see core/changes/propagate). */
export type Disposition = 'continue' | 'rework' | 'accept-with-deviation' | 'scrap' | 'finish-as-started' | 'restart-on-new' | 'hold';

export interface MeasuredValue {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly low: number;
  readonly high: number;
  readonly result: 'pass' | 'fail';
}

export type UnitEvent =
  | {
      readonly type: 'UnitStarted';
      readonly data: {
        readonly serial: string;
        readonly order: string;
        readonly product: string;
        readonly revision: string;
        readonly operations: readonly UnitOperation[];
        /** A configurable product: the configuration it is built to (its operations are that configuration's). */
        readonly options?: Configuration;
      };
    }
  /** `revision`: the revision the operation is built to, when a change made it other than the unit's own. */
  | { readonly type: 'UnitArrived'; readonly data: { readonly serial: string; readonly operation: number; readonly workCenter: string; readonly revision?: string } }
  | {
      readonly type: 'OperationCompleted';
      readonly data: {
        readonly serial: string;
        readonly order: string;
        readonly operation: number;
        readonly workCenter: string;
        readonly measurements: readonly MeasuredValue[];
        readonly result: 'pass' | 'fail';
        readonly revision?: string;
        /**
         * Backflush: at an operation's first completion, what it uses and was not scanned comes off stock. Absent in
         * events recorded before the rule moved here, and on later completions (a rework does not use it again).
         */
        readonly backflushed?: readonly { readonly material: string; readonly revision: string; readonly quantity: number }[];
      };
    }
  | { readonly type: 'UnitCompleted'; readonly data: { readonly serial: string; readonly order: string } }
  /** A component lot built into the unit: the genealogy link. */
  | {
      readonly type: 'LotConsumed';
      readonly data: {
        readonly serial: string;
        readonly order: string;
        readonly operation: number;
        readonly workCenter: string;
        readonly material: string;
        readonly revision: string;
        readonly lot: string;
        readonly quantity: number;
      };
    }
  | {
      readonly type: 'UnitScrapped';
      /** `change`: scrapped as the disposition of an engineering change. */
      readonly data: { readonly serial: string; readonly order: string; readonly operation: number; readonly reason: string; readonly change?: string };
    }
  /**
   * An engineering change carried into the unit: from here on it follows `operations` (the new revision's routing,
   * each operation with the revision it is built to), at `position`; `interrupted`: the operation it was in, left
   * unfinished (restarted or reworked under the new revision).
   */
  | {
      readonly type: 'UnitRevised';
      readonly data: {
        readonly serial: string;
        readonly order: string;
        readonly change: string;
        readonly fromRevision: string;
        readonly toRevision: string;
        readonly disposition: Exclude<Disposition, 'scrap' | 'hold'>;
        readonly reason?: string;
        readonly operations: readonly UnitOperation[];
        readonly position: number;
        readonly status: 'queued' | 'in_operation';
        readonly interrupted?: number;
      };
    }
  /** Held until someone decides what becomes of it under the change (rework, accept with a deviation, scrap). */
  | { readonly type: 'UnitHeld'; readonly data: { readonly serial: string; readonly order: string; readonly change: string; readonly reason: string } }
  /** A failed check sent the unit back along its routing, as the routing says; the operations from `toOperation` on run again. */
  | {
      readonly type: 'UnitSentToRework';
      readonly data: { readonly serial: string; readonly order: string; readonly fromOperation: number; readonly toOperation: number; readonly workCenter: string; readonly reason: string };
    };

export type UnitStatus = 'queued' | 'in_operation' | 'completed' | 'scrapped';

export type UnitState =
  | { readonly exists: false }
  | {
      readonly exists: true;
      readonly serial: string;
      readonly order: string;
      readonly operations: readonly UnitOperation[];
      /** Index into operations of the current (or next) operation. */
      readonly position: number;
      readonly status: UnitStatus;
      /** Component quantities consumed so far, per operation number and material. */
      readonly consumed: Readonly<Record<string, number>>;
      /**
       * The furthest position in the routing completed so far (pass or fail; -1: none). A unit moves on only by
       * completing and back only by rework, so an operation at or before it has been completed before.
       */
      readonly completedThrough: number;
      /** The revision it is built to (its operations may name their own, see UnitOperation.revision). */
      readonly revision: string;
      /** Held for a disposition under this change: no work on it until decided. */
      readonly heldFor: string | null;
    };

const consumedKey = (seq: number, material: string): string => `${seq}/${material}`;

/** What is still to be scanned at the current operation: each BOM component with the quantity still missing. */
export function missingComponents(state: Extract<UnitState, { exists: true }>): { material: string; revision: string; missing: number }[] {
  const op = state.operations[state.position];
  if (!op) return [];
  return (op.components ?? [])
    .map((c) => ({ material: c.material, revision: c.revision, missing: c.quantity - (state.consumed[consumedKey(op.seq, c.material)] ?? 0) }))
    .filter((c) => c.missing > 1e-9);
}

export type UnitCommand =
  | { readonly type: 'StartUnit'; readonly data: Extract<UnitEvent, { type: 'UnitStarted' }>['data'] }
  | { readonly type: 'ArriveAt'; readonly workCenter: string }
  | {
      readonly type: 'CompleteOperation';
      readonly workCenter: string;
      readonly readings: readonly { readonly name: string; readonly value: number }[];
      /** The machine's own verdict; a reject from the machine scraps the unit whatever the readings say. */
      readonly machineResult: 'good' | 'reject';
      /**
       * At an operator terminal: every component of the operation must be scanned before it completes (BOM compliance),
       * and every check entered (a reading left out is a question back, not a failed unit).
       */
      readonly atTerminal?: boolean;
    }
  | { readonly type: 'ScrapUnit'; readonly reason: string }
  /**
   * An approved engineering change reaches the unit: it follows `routing` (the new revision, see
   * core/changes/propagate) as the disposition places it, or is held, or scrapped. `reworkFrom`: for a rework, the
   * first changed operation it had done.
   */
  | {
      readonly type: 'ReviseUnit';
      readonly change: string;
      readonly toRevision: string;
      readonly routing: readonly UnitOperation[];
      readonly disposition: Disposition;
      readonly reworkFrom?: number;
      readonly reason?: string;
    }
  /** A lot scanned at the work center: checked against the BOM of the current operation. */
  | { readonly type: 'ConsumeLot'; readonly workCenter: string; readonly material: string; readonly revision: string; readonly lot: string; readonly quantity?: number };

export const unitDecider: Decider<UnitState, UnitCommand, UnitEvent> = {
  initialState: () => ({ exists: false }),

  decide(command, state) {
    if (command.type === 'StartUnit') {
      if (state.exists) return refuse(ErrorCode.duplicate, `Unit ${state.serial} already exists.`, { serial: state.serial });
      if (command.data.operations.length === 0) return refuse(ErrorCode.routing, 'A unit needs a routing with at least one operation.');
      return accept({ type: 'UnitStarted', data: command.data });
    }
    if (!state.exists) return refuse(ErrorCode.notFound, 'No unit with that serial number is known.');
    if (state.status === 'completed' || state.status === 'scrapped') {
      return refuse(ErrorCode.invalidTransition, `Unit ${state.serial} is already ${state.status}.`, { serial: state.serial });
    }
    const op = state.operations[state.position];
    if (op === undefined) return refuse(ErrorCode.internal, `Unit ${state.serial} has no current operation.`);
    if (command.type === 'ReviseUnit') return reviseUnit(state, command);
    if (state.heldFor && command.type !== 'ScrapUnit') {
      return refuse(
        ErrorCode.conflict,
        `Unit ${state.serial} is held for a disposition under change ${state.heldFor}: a supervisor decides first (rework, accept with a deviation, or scrap).`,
        { serial: state.serial, change: state.heldFor },
      );
    }
    const wrongPlace = (wc: string) =>
      refuse<UnitEvent>(
        ErrorCode.routing,
        `Unit ${state.serial} is due at operation ${op.seq} (${op.name}) on ${op.workCenter}, not on ${wc}.`,
        { serial: state.serial, expectedWorkCenter: op.workCenter, operation: op.seq, workCenter: wc },
      );

    switch (command.type) {
      case 'ArriveAt':
        if (command.workCenter !== op.workCenter) return wrongPlace(command.workCenter);
        if (state.status === 'in_operation') return accept();
        return accept({ type: 'UnitArrived', data: { serial: state.serial, operation: op.seq, workCenter: op.workCenter, ...(op.revision ? { revision: op.revision } : {}) } });
      case 'CompleteOperation': {
        if (command.workCenter !== op.workCenter) return wrongPlace(command.workCenter);
        const missing = missingComponents(state);
        if (command.atTerminal) {
          if (state.status !== 'in_operation') {
            return refuse(ErrorCode.invalidTransition, `Start ${state.serial} at ${op.workCenter} before completing operation ${op.seq}.`, { serial: state.serial });
          }
          const unread = op.measurements.filter((m) => !command.readings.some((r) => r.name === m.name && Number.isFinite(r.value)));
          if (unread.length > 0) {
            return refuse(ErrorCode.validation, `Enter ${unread.map((m) => `${m.name} (${m.unit})`).join(' and ')} before completing operation ${op.seq}.`, {
              missing: unread.map((m) => m.name),
            });
          }
          if (missing.length > 0) {
            return refuse(
              ErrorCode.bomIncomplete,
              `Scan ${missing.map((m) => `${m.material} rev ${m.revision} (${m.missing} more)`).join(' and ')} before completing operation ${op.seq} (${op.name}).`,
              { missing },
            );
          }
        }
        const measurements = op.measurements.map((spec): MeasuredValue => {
          const reading = command.readings.find((r) => r.name === spec.name);
          const value = reading?.value ?? Number.NaN;
          return { name: spec.name, value, unit: spec.unit, low: spec.low, high: spec.high, result: judgeMeasurement(spec, value) };
        });
        const result: 'pass' | 'fail' =
          command.machineResult === 'good' && measurements.every((m) => m.result === 'pass') ? 'pass' : 'fail';
        const first = state.position > state.completedThrough;
        const backflushed = first ? missing.map((m) => ({ material: m.material, revision: m.revision, quantity: m.missing })) : undefined;
        const done: UnitEvent = {
          type: 'OperationCompleted',
          data: {
            serial: state.serial, order: state.order, operation: op.seq, workCenter: op.workCenter, measurements, result,
            ...(op.revision ? { revision: op.revision } : {}), ...(backflushed ? { backflushed } : {}),
          },
        };
        if (result === 'fail') {
          const failed = measurements.filter((m) => m.result === 'fail').map((m) => `${m.name} ${m.value} ${m.unit} outside ${m.low}…${m.high}`);
          const reason = failed.length > 0 ? failed.join('; ') : `rejected by ${op.workCenter}`;
          // A machine reject is a reject; a measurement out of limits goes where the routing says.
          if (command.machineResult === 'good' && op.onFail === 'rework') {
            const to = state.operations.find((o) => o.seq === (op.reworkTo ?? op.seq)) ?? op;
            return accept<UnitEvent>(done, {
              type: 'UnitSentToRework',
              data: { serial: state.serial, order: state.order, fromOperation: op.seq, toOperation: to.seq, workCenter: to.workCenter, reason },
            });
          }
          return accept<UnitEvent>(done, { type: 'UnitScrapped', data: { serial: state.serial, order: state.order, operation: op.seq, reason } });
        }
        if (state.position === state.operations.length - 1) {
          return accept<UnitEvent>(done, { type: 'UnitCompleted', data: { serial: state.serial, order: state.order } });
        }
        return accept(done);
      }
      case 'ConsumeLot': {
        if (command.workCenter !== op.workCenter) return wrongPlace(command.workCenter);
        const expected = op.components ?? [];
        const part = expected.find((c) => c.material === command.material);
        const list = expected.map((c) => `${c.material} rev ${c.revision}`).join(', ') || 'no components';
        if (!part) {
          return refuse(ErrorCode.bomMismatch, `${command.material} is not used at operation ${op.seq} (${op.name}); expected ${list}.`, {
            expected: expected.map((c) => c.material),
          });
        }
        if (part.revision !== command.revision) {
          return refuse(ErrorCode.bomMismatch, `Wrong revision: lot ${command.lot} is ${command.material} rev ${command.revision}; the BOM asks for rev ${part.revision}.`, {
            expectedRevision: part.revision,
          });
        }
        if (command.lot.trim() === '') return refuse(ErrorCode.validation, 'Scan the lot number of the component.');
        const have = state.consumed[consumedKey(op.seq, part.material)] ?? 0;
        const left = part.quantity - have;
        if (left <= 1e-9) {
          return refuse(ErrorCode.routing, `${part.material} is complete for operation ${op.seq}: ${have} of ${part.quantity} already scanned into ${state.serial}.`, {
            material: part.material,
          });
        }
        if (command.quantity !== undefined && command.quantity > left + 1e-9) {
          return refuse(ErrorCode.validation, `Operation ${op.seq} needs ${left} more of ${part.material}, not ${command.quantity}.`, { left });
        }
        return accept({
          type: 'LotConsumed',
          data: {
            serial: state.serial, order: state.order, operation: op.seq, workCenter: op.workCenter,
            material: command.material, revision: command.revision, lot: command.lot.trim(), quantity: command.quantity ?? left,
          },
        });
      }
      case 'ScrapUnit':
        if (command.reason.trim() === '') return refuse(ErrorCode.validation, 'Say why the unit is scrapped: a reason is required.');
        return accept({
          type: 'UnitScrapped',
          data: { serial: state.serial, order: state.order, operation: op.seq, reason: command.reason.trim() },
        });
    }
  },

  evolve(state, event) {
    if (event.type === 'UnitStarted') {
      const d = event.data;
      return { exists: true, serial: d.serial, order: d.order, operations: d.operations, position: 0, status: 'queued', consumed: {}, completedThrough: -1, revision: d.revision, heldFor: null };
    }
    if (!state.exists) return state;
    switch (event.type) {
      case 'UnitArrived':
        return { ...state, status: 'in_operation' };
      case 'OperationCompleted': {
        const completedThrough = Math.max(state.completedThrough, state.position);
        // What was backflushed is in the unit as much as what was scanned: an operation run again does not take it twice.
        const consumed = { ...state.consumed };
        for (const b of event.data.backflushed ?? []) consumed[consumedKey(event.data.operation, b.material)] = (consumed[consumedKey(event.data.operation, b.material)] ?? 0) + b.quantity;
        return event.data.result === 'pass' && state.position < state.operations.length - 1
          ? { ...state, consumed, completedThrough, position: state.position + 1, status: 'queued' }
          : { ...state, consumed, completedThrough };
      }
      case 'UnitCompleted':
        return { ...state, status: 'completed' };
      case 'LotConsumed': {
        const key = consumedKey(event.data.operation, event.data.material);
        return { ...state, consumed: { ...state.consumed, [key]: (state.consumed[key] ?? 0) + event.data.quantity } };
      }
      case 'UnitScrapped':
        return { ...state, status: 'scrapped' };
      case 'UnitRevised': {
        // The operations from its position on are new to it: their first completion takes what is still missing.
        const d = event.data;
        return { ...state, operations: d.operations, position: d.position, status: d.status, revision: d.toRevision, heldFor: null, completedThrough: d.position - 1 };
      }
      case 'UnitHeld':
        return { ...state, heldFor: event.data.change };
      case 'UnitSentToRework': {
        // Components already built in stay recorded: a rework repeats the work, it does not unbuild the unit.
        const position = Math.max(0, state.operations.findIndex((o) => o.seq === event.data.toOperation));
        return { ...state, position, status: 'queued' };
      }
    }
  },
};

type LiveUnit = Extract<UnitState, { exists: true }>;

/** An approved change reaching the unit: held, scrapped, or moved onto the new routing as the disposition places it. */
function reviseUnit(state: LiveUnit, c: Extract<UnitCommand, { type: 'ReviseUnit' }>) {
  const ids = { serial: state.serial, order: state.order };
  const reason = c.reason?.trim() ?? '';
  const status = state.status;
  if (status !== 'queued' && status !== 'in_operation') return refuse<UnitEvent>(ErrorCode.invalidTransition, `Unit ${state.serial} is ${status}.`);
  switch (c.disposition) {
    case 'hold':
      if (state.heldFor === c.change) return accept<UnitEvent>();
      return accept<UnitEvent>({ type: 'UnitHeld', data: { ...ids, change: c.change, reason: reason || `Change ${c.change} reaches operations it has done` } });
    case 'scrap': {
      if (reason === '') return refuse<UnitEvent>(ErrorCode.validation, `Say why ${state.serial} is scrapped under change ${c.change}: a reason is required.`);
      const at = state.operations[state.position]?.seq ?? 0;
      return accept<UnitEvent>({ type: 'UnitScrapped', data: { ...ids, operation: at, reason: `Change ${c.change}: ${reason}`, change: c.change } });
    }
    default: {
      if (c.disposition === 'accept-with-deviation' && reason === '') {
        return refuse<UnitEvent>(ErrorCode.validation, `Accepting ${state.serial} as it is under change ${c.change} is a deviation: say why.`);
      }
      if (c.disposition === 'finish-as-started' && state.status !== 'in_operation') {
        return refuse<UnitEvent>(ErrorCode.invalidTransition, `Unit ${state.serial} is not in an operation: there is nothing to finish as started.`);
      }
      const placed = placeOnRevision({ ...state, status }, c.routing, c.disposition, c.reworkFrom);
      if (!placed) return refuse<UnitEvent>(ErrorCode.routing, `Rev ${c.toRevision} of the routing has no operation left for ${state.serial} where it stands.`);
      return accept<UnitEvent>({
        type: 'UnitRevised',
        data: {
          ...ids, change: c.change, fromRevision: state.revision, toRevision: c.toRevision, disposition: c.disposition,
          ...(reason ? { reason } : {}), operations: placed.operations, position: placed.position, status: placed.status,
          ...(placed.interrupted !== undefined ? { interrupted: placed.interrupted } : {}),
        },
      });
    }
  }
}
