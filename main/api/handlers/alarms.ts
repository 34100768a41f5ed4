import { ok, type AlarmActionRequest, type AlarmSummary, type AlarmView, type CommandContext, type Result, type alarmsApi } from '../../../core';
import { requirePermission, type Handlers } from './handler';

/** What the alarms' operations need of the station. */
export interface AlarmsPorts {
  readonly connectivity: {
    alarms(scope: 'current' | 'all'): AlarmSummary;
    alarmAction(req: AlarmActionRequest, ctx: CommandContext): Promise<Result<AlarmView>>;
  };
}

export function alarmsHandlers(s: AlarmsPorts): Handlers<typeof alarmsApi> {
  return {
    listAlarms: (input) => ok(s.connectivity.alarms(input.scope)),
    alarmAction: (input, caller) => {
      // Any signed-in user reaches this; acknowledging and shelving are each their own permission.
      const refused = requirePermission(caller, input.action === 'acknowledge' ? 'alarms.acknowledge' : 'alarms.shelve', `${input.action} alarms`);
      return refused ?? s.connectivity.alarmAction(input, caller.context);
    },
  };
}
