import { parsePackMLState, type PackMLState } from '../packml/states';
import { accept, refuse, type Decider } from '../shared/decider';
import { ErrorCode } from '../shared/errors';

export type WorkCenterEvent = {
  readonly type: 'WorkCenterStateChanged';
  readonly data: { readonly workCenter: string; readonly state: PackMLState; readonly previous: PackMLState | null };
};

export interface WorkCenterState {
  readonly state: PackMLState | null;
}

export type WorkCenterCommand = { readonly type: 'RecordMachineState'; readonly workCenter: string; readonly rawState: string };

export const workCenterDecider: Decider<WorkCenterState, WorkCenterCommand, WorkCenterEvent> = {
  initialState: () => ({ state: null }),
  decide(command, state) {
    const next = parsePackMLState(command.rawState);
    if (next === undefined) {
      return refuse(ErrorCode.unknownState, `Work center ${command.workCenter} reported "${command.rawState}", which is not a PackML state.`);
    }
    if (next === state.state) return accept();
    return accept({ type: 'WorkCenterStateChanged', data: { workCenter: command.workCenter, state: next, previous: state.state } });
  },
  evolve: (_state, event) => ({ state: event.data.state }),
};
