// The station's files say './log': the log lives with the process (main/process), loaded before the station.
export { consoleLog, silentLog, type Log } from '../process';
