// What a process of the station needs before it loads the station itself (node-opcua and the rest take a second or
// more): its log, its clean stop on signals, a free port, the simulator's own process.
export { consoleLog, silentLog, type Log } from './log';
export { stopOnSignals, type SignalStop, type SignalStopOptions, type StopStep } from './shutdown';
export { spawnSimulator, type SimulatorProcess } from './simulator-process';
export { freeLoopbackPort } from './free-port';
export { isLoopback } from './loopback';
export { nextTurn } from './next-turn';
