export { oeeReads, type OeeLine, type OeeReads } from './oee-reads';
export { settingsVersions, type CalendarVersion, type SettingsVersions } from './settings-versions';
export { stateTotalsReader, type StateTotals } from './state-totals';
export { outputReader, type Output } from './output';
export { downtimeReader, isMicro, stopRecordOf, stopWithin, type DowntimeRow, type StopRecord } from './downtime-reads';
export { lossesReads } from './losses-reads';

import type { Db } from '../store';
import { downtimeReader } from './downtime-reads';
import { lossesReads } from './losses-reads';
import { oeeReads } from './oee-reads';
import { settingsVersions } from './settings-versions';

/** Everything OEE reads, made once per station over its database and clock. */
export function oeeModel(db: Db, now: () => number) {
  const versions = settingsVersions(db);
  const reads = oeeReads(db, versions, now);
  return { versions, reads, losses: lossesReads(db, reads, versions, now), stops: downtimeReader(db), now };
}
export type OeeModel = ReturnType<typeof oeeModel>;
