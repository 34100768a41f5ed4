// The simulator as a Sparkplug edge node in a process of its own (benchmarks, demos):
//   node --import tsx drivers/simulator/sparkplug-edge-cli.ts --broker mqtt://127.0.0.1:1883 [--group Bench]
//     [--node E1] [--metrics 10000] [--batch 1000] [--period 0] [--rate 0] [--profile resources/demo/simulator.json --speed 1]
// Prints "ready" once born and publishing, then a JSON stats line when stopped (SIGTERM, SIGINT or stdin closed).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LineModel } from './line-model';
import { loadSimulatorProfile } from './profile';
import { startSparkplugEdge } from './sparkplug-edge';

const { values } = parseArgs({
  options: {
    broker: { type: 'string' },
    group: { type: 'string', default: 'Bench' },
    node: { type: 'string', default: 'E1' },
    metrics: { type: 'string', default: '10000' },
    batch: { type: 'string', default: '1000' },
    period: { type: 'string', default: '0' },
    rate: { type: 'string', default: '0' },
    profile: { type: 'string' },
    speed: { type: 'string', default: '1' },
  },
});

const out = (line: string): void => void process.stdout.write(`${line}\n`);
const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};

const broker = values.broker ?? fail('--broker mqtt://host:port is required');
let model: LineModel | undefined;
if (values.profile) {
  const loaded = loadSimulatorProfile(readFileSync(values.profile, 'utf8'));
  if (!loaded.ok) fail(loaded.error.message);
  else model = new LineModel(loaded.value, { speed: Number(values.speed), startMs: Date.now() });
}

const edge = await startSparkplugEdge({
  brokerUrl: broker,
  groupId: values.group,
  edgeNodeId: values.node,
  ...(model ? { model } : {}),
  extraMetrics: Number(values.metrics),
  batchSize: Number(values.batch),
  periodMs: Number(values.period),
  maxMetricsPerSecond: Number(values.rate),
  log: (message) => process.stderr.write(`${message}\n`),
});
out('ready');

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await edge.dispose();
  out(JSON.stringify(edge.stats()));
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
