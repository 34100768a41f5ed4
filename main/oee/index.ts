export { oeeReads, type OeeLine, type OeeReads } from './oee-reads';
export { settingsVersions, type CalendarVersion, type SettingsVersions } from './settings-versions';
export { stateTotalsReader, type StateTotals } from './state-totals';
export { outputReader, type Output } from './output';
