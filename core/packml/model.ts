import type { PackMLState } from './states';

/** PackML commands (OPC 30050 methods). ToComplete is the machine's own "done" signal in Execute. */
export const PACKML_COMMANDS = ['Start', 'Stop', 'Hold', 'Unhold', 'Suspend', 'Unsuspend', 'Abort', 'Clear', 'Reset', 'ToComplete'] as const;
export type PackMLCommand = (typeof PACKML_COMMANDS)[number];

/** OPC 30050 nests the states: Running inside Cleared inside the base machine. Stop applies anywhere in Running, Abort anywhere in Cleared. */
export const RUNNING_STATES: readonly PackMLState[] = [
  'Resetting', 'Idle', 'Starting', 'Execute', 'Completing', 'Complete', 'Holding', 'Held', 'Unholding', 'Suspending', 'Suspended', 'Unsuspending',
];
export const CLEARED_STATES: readonly PackMLState[] = [...RUNNING_STATES, 'Stopping', 'Stopped', 'Clearing'];

/** Transitions caused by commands, as the PackML companion model defines them (from state → to state). */
const BY_COMMAND: Record<PackMLCommand, readonly (readonly [PackMLState, PackMLState])[]> = {
  Start: [['Idle', 'Starting']],
  Suspend: [['Execute', 'Suspending']],
  Unsuspend: [['Suspended', 'Unsuspending']],
  Hold: (['Execute', 'Starting', 'Suspending', 'Suspended', 'Unsuspending', 'Unholding'] as const).map((s) => [s, 'Holding'] as const),
  Unhold: [['Held', 'Unholding']],
  ToComplete: [['Execute', 'Completing']],
  // Stopped → Running enters Running at its initial state, Resetting.
  Reset: [['Complete', 'Resetting'], ['Stopped', 'Resetting']],
  Stop: RUNNING_STATES.map((s) => [s, 'Stopping'] as const),
  Abort: CLEARED_STATES.map((s) => [s, 'Aborting'] as const),
  // Aborted → Cleared enters Cleared at Clearing.
  Clear: [['Aborted', 'Clearing']],
};

/** The state a command leads to from here, or undefined when PackML does not allow it in this state. */
export function commandTarget(state: PackMLState, command: PackMLCommand): PackMLState | undefined {
  return BY_COMMAND[command].find(([from]) => from === state)?.[1];
}

export function allowedCommands(state: PackMLState): PackMLCommand[] {
  return PACKML_COMMANDS.filter((c) => c !== 'ToComplete' && commandTarget(state, c) !== undefined);
}

/** Transitions that happen by themselves when an acting state completes (SC). */
export const STATE_COMPLETE: Readonly<Partial<Record<PackMLState, PackMLState>>> = {
  Resetting: 'Idle',
  Starting: 'Execute',
  Suspending: 'Suspended',
  Unsuspending: 'Execute',
  Holding: 'Held',
  Unholding: 'Execute',
  Completing: 'Complete',
  Stopping: 'Stopped',
  Clearing: 'Stopped',
  Aborting: 'Aborted',
};
