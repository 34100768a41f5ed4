export { startStation, type RunningStation, type StationOptions } from './station';
export { spawnSimulator, type SimulatorProcess } from './simulator-process';
export { consoleLog, silentLog, type Log } from './log';
export { stopOnSignals, type SignalStop, type SignalStopOptions, type StopStep } from './shutdown';
export { DEMO_USERS } from './seed';
export { TagCache } from './tag-cache';
export { Queries } from './queries';
export { Reports } from './reports';
export { generatedTls, isLoopback, loadTls, type StationTls } from './tls';
