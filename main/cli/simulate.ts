import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSimulatorProfile, startSimulator } from '../../drivers/simulator';
import { defaultDataDir, resourcesDir } from './paths';

export const SIMULATE_HELP = `mes simulate [--port 4840] [--speed 1] [--seed 1] [--data-dir DIR] [--profile FILE]
  Runs the simulated 4-station line PLC as an OPC UA server. Prints "ready <endpoint>" when it accepts sessions.`;

export async function simulate(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '4840' },
      speed: { type: 'string', default: '1' },
      seed: { type: 'string', default: String(Date.now() % 100000) },
      'data-dir': { type: 'string' },
      profile: { type: 'string', default: join(resourcesDir, 'demo', 'simulator.json') },
    },
  });
  const profile = loadSimulatorProfile(JSON.parse(readFileSync(values.profile, 'utf8')));
  if (!profile.ok) throw new Error(`simulator profile ${values.profile}: ${profile.error.message}`);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const sim = await startSimulator({
    profile: profile.value,
    pkiFolder: join(dataDir, 'pki', 'simulator'),
    port: Number(values.port),
    speed: Number(values.speed),
    seed: Number(values.seed),
  });
  process.stdout.write(`ready ${sim.endpoint}\n`);
  const stop = () => {
    void sim.dispose().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
