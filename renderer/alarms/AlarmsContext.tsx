import { createContext, useContext, type ReactNode } from 'react';
import type { AlarmSummary } from '../../core';
import { useLiveQuery, type LiveQuery } from '../shell/useLiveQuery';

const AlarmsContext = createContext<LiveQuery<AlarmSummary> | null>(null);

/** One live read of the current alarms, shared by the banner (every screen) and the Alarms screen. */
export function AlarmsProvider({ children }: { children: ReactNode }) {
  const alarms = useLiveQuery('listAlarms', { scope: 'current' }, ['alarms']);
  return <AlarmsContext.Provider value={alarms}>{children}</AlarmsContext.Provider>;
}

export function useCurrentAlarms(): LiveQuery<AlarmSummary> {
  const alarms = useContext(AlarmsContext);
  if (!alarms) throw new Error('useCurrentAlarms outside AlarmsProvider');
  return alarms;
}
