import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSimulatorProfile, startSimulator, type SimulatorUser } from '../../drivers/simulator';
import { defaultDataDir, resourcesDir } from './paths';

export const SIMULATE_HELP = `mes simulate [--port 4840] [--speed 1] [--seed 1] [--data-dir DIR] [--profile FILE]
             [--tags N] [--tag-period 100] [--user NAME:PASSWORD]...
  Runs the simulated 4-station line PLC as an OPC UA server. Prints "ready <endpoint>" when it accepts sessions.
  --tags N adds N numeric tags that change every --tag-period ms (a plant of any size, for benchmarks).
  --user (repeatable) accepts that user name login; with users, anonymous sessions are refused.`;

export async function simulate(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '4840' },
      speed: { type: 'string', default: '1' },
      seed: { type: 'string', default: String(Date.now() % 100000) },
      'data-dir': { type: 'string' },
      profile: { type: 'string', default: join(resourcesDir, 'demo', 'simulator.json') },
      tags: { type: 'string', default: '0' },
      'tag-period': { type: 'string', default: '100' },
      user: { type: 'string', multiple: true, default: [] },
    },
  });
  const profile = loadSimulatorProfile(JSON.parse(readFileSync(values.profile, 'utf8')));
  if (!profile.ok) throw new Error(`simulator profile ${values.profile}: ${profile.error.message}`);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const sim = await startSimulator({
    profile: profile.value,
    pkiFolder: join(dataDir, 'pki', 'simulator'),
    port: wholeNumber('--port', values.port),
    speed: Number(values.speed),
    seed: Number(values.seed),
    extraTags: wholeNumber('--tags', values.tags),
    extraTagPeriodMs: wholeNumber('--tag-period', values['tag-period'], 1),
    users: values.user.map(parseUser),
  });
  process.stdout.write(`ready ${sim.endpoint}\n`);
  const stop = () => {
    void sim.dispose().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
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
