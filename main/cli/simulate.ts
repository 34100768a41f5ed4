import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSimulatorProfile, startSimulator, type SimulatorUser } from '../../drivers/simulator';
import { consoleLog, isLoopback, stopOnSignals, type Log } from '../process';
import { defaultDataDir, resourcesDir } from './paths';

export const SIMULATE_HELP = `mes simulate [--port 4840] [--host 127.0.0.1] [--speed 1] [--seed 1] [--data-dir DIR] [--profile FILE]
             [--tags N] [--tag-period 100] [--user NAME:PASSWORD]... [--exit-with-parent]
  Runs the simulated 4-station line PLC as an OPC UA server. Prints "ready <endpoint>" when it accepts sessions.
  --host is the address it listens on: loopback only by default; 0.0.0.0 (or a LAN address) lets other machines in.
  --exit-with-parent: stops when the process that started it goes (its stdin closes), and leaves Ctrl-C to that
  process; the station starts its simulator so.
  --tags N adds N numeric tags that change every --tag-period ms (a plant of any size, for benchmarks).
  --user (repeatable) accepts that user name login; with users, anonymous sessions are refused.`;

export async function simulate(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '4840' },
      host: { type: 'string', default: '127.0.0.1' },
      speed: { type: 'string', default: '1' },
      seed: { type: 'string', default: String(Date.now() % 100000) },
      'data-dir': { type: 'string' },
      profile: { type: 'string', default: join(resourcesDir, 'demo', 'simulator.json') },
      tags: { type: 'string', default: '0' },
      'tag-period': { type: 'string', default: '100' },
      user: { type: 'string', multiple: true, default: [] },
      'exit-with-parent': { type: 'boolean', default: false },
    },
  });
  // A child of the station (--exit-with-parent), or of the desktop app: an Electron utility process, given a parentPort.
  const utility = 'parentPort' in process;
  const child = values['exit-with-parent'] || utility;
  // As a station's child, what it says on stderr lands in the station's log: only warnings and errors then.
  const log: Log = child ? { ...consoleLog('simulator'), info: () => undefined } : consoleLog('simulator');
  let sim: { dispose(): Promise<void> } | null = null;
  const stopper = stopOnSignals({
    log,
    // A station's child leaves Ctrl-C (SIGINT to the whole terminal's process group) to the station, which stops
    // its line before its simulator; SIGTERM (the station's own dispose) stops it.
    signals: child ? ['SIGTERM'] : ['SIGTERM', 'SIGINT'],
    steps: [{ what: 'the OPC UA server', stop: () => sim?.dispose() }],
    timeoutMs: 4000,
  });
  if (child) {
    // Installed even though it does nothing: with no SIGINT listener of ours, signal-exit (loaded by node-opcua)
    // would re-raise SIGINT and kill the process.
    process.on('SIGINT', () => undefined);
    watchParent(() => stopper.stop('the process that started the simulator has gone'), { stdin: !utility });
  }
  const profile = loadSimulatorProfile(JSON.parse(readFileSync(values.profile, 'utf8')));
  if (!profile.ok) throw new Error(`simulator profile ${values.profile}: ${profile.error.message}`);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const host = values.host;
  const running = await startSimulator({
    profile: profile.value,
    pkiFolder: join(dataDir, 'pki', 'simulator'),
    port: wholeNumber('--port', values.port),
    host,
    hostname: endpointHostname(host),
    speed: Number(values.speed),
    seed: Number(values.seed),
    extraTags: wholeNumber('--tags', values.tags),
    extraTagPeriodMs: wholeNumber('--tag-period', values['tag-period'], 1),
    users: values.user.map(parseUser),
  });
  sim = running;
  process.stdout.write(`ready ${running.endpoint}\n`);
}

/**
 * Calls `gone` once the process that started this one has gone, however it went (even SIGKILL): its end of our
 * stdin pipe closes then. Its pid is also polled, in case stdin was not a pipe of its own (a utility process has none).
 */
function watchParent(gone: () => void, o: { stdin: boolean }): void {
  const parent = process.ppid;
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    gone();
  };
  // Our stdout and stderr are the parent's pipes too: writing to them now must not crash the stop.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  if (o.stdin) {
    process.stdin.on('end', once);
    process.stdin.on('close', once);
    process.stdin.on('error', once);
    process.stdin.resume();
  }
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') once();
    }
  }, 1000).unref();
}

/** The host name put in the endpoint URL: "localhost" when listening on loopback or everywhere, else the address. */
function endpointHostname(host: string): string {
  if (isLoopback(host) || host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

function wholeNumber(flag: string, text: string, least = 0): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < least) throw new Error(`${flag} expects a whole number of at least ${least}, not "${text}"`);
  return n;
}

function parseUser(text: string): SimulatorUser {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new Error(`--user expects NAME:PASSWORD, not "${text}"`);
  return { userName: text.slice(0, colon), password: text.slice(colon + 1) };
}
