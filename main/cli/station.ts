import { parseArgs } from 'node:util';
// Light modules only: the station itself (node-opcua and the rest) is loaded once the simulator is on its way.
import type { RunningStation, StationTls } from '../station';
import { consoleLog, freeLoopbackPort, spawnSimulator, stopOnSignals, type SimulatorProcess } from '../process';
import { appVersion, defaultDataDir, rendererDir, resourcesDir } from './paths';

export const STATION_HELP = `mes station [--port 5170] [--host 127.0.0.1] [--data-dir DIR] [--simulate [--empty]] [--speed 1]
            [--tls | --tls-cert FILE --tls-key FILE] [--station-id ST-NAME]
            [--plant postgres://STATION_ROLE[:PASSWORD]@HOST/DATABASE [--retain-days N]]
            [--uns mqtt://[USER@]HOST[:PORT] [--uns-root ENTERPRISE]]
  Runs the headless station and serves the HMI to browsers at http(s)://<host>:<port>/.
  --tls-cert, --tls-key  serve HTTPS and WSS with plant IT's certificate (PEM); --tls: with a self-signed one made
              once in <data-dir>/tls, whose fingerprint is printed. Without TLS, listening beyond this machine warns.
  --simulate  also runs the line simulator (its own process), with the demo line, products and users (password = user
              name); a new demo station receives a shift's orders from "ERP" (B2MML) so the line runs at once.
  --empty     with --simulate: the bare demo line, no orders.
  Without --simulate the station starts with no line and no products: an engineer sets them up (Line setup).
  --station-id  the id a new station takes (as registered at the plant: mes plant add-station --station); a station
              started before keeps its own, and refuses another. Default: made up at the first start.
  --plant     ships the station's whole event log to the plant's PostgreSQL (or MES_PLANT_URL), as its own role,
              store and forward: offline it keeps working and catches up after; its password is never printed.
  --retain-days  with --plant: events the plant holds, of units and orders finished more than N days ago, leave the
              station's log (their places in the hash chain stay). Without it the station keeps its whole log.
  --uns       publishes the line to the plant's Unified Namespace (MQTT, JSON, ISA-95 topics
              <root>/<site>/<area>/<line>/<work center>/state|counts|oee, retained; units, stops' reasons as events)
              from the station's log, nothing lost while the broker is down; the password from MES_UNS_PASSWORD.
  Connections to PLCs are configured in the HMI (Connections) or in <data-dir>/station-config.json.`;

export async function station(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: process.env.MES_PORT ?? '5170' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      simulate: { type: 'boolean', default: false },
      empty: { type: 'boolean', default: false },
      speed: { type: 'string', default: '1' },
      tls: { type: 'boolean', default: false },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      plant: { type: 'string' },
      'retain-days': { type: 'string' },
      'station-id': { type: 'string' },
      uns: { type: 'string' },
      'uns-root': { type: 'string', default: 'mes' },
    },
  });
  const uns = unsOptions(values.uns ?? process.env['MES_UNS_URL'], values['uns-root'], process.env['MES_UNS_PASSWORD']);
  const retainDays = values['retain-days'] === undefined ? undefined : Number(values['retain-days']);
  if (retainDays !== undefined && !(Number.isFinite(retainDays) && retainDays >= 0)) throw new Error(`--retain-days ${values['retain-days']} is not a number of days`);
  if (retainDays !== undefined && !(values.plant ?? process.env['MES_PLANT_URL'])) throw new Error('--retain-days needs --plant: only what the plant holds may leave the station');
  const plantUrl = values.plant ?? process.env['MES_PLANT_URL'];
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) throw new Error('--tls-cert and --tls-key go together: the certificate and its private key (PEM files).');
  const log = consoleLog('station');
  const dataDir = values['data-dir'] ?? defaultDataDir();
  let simulator: Promise<SimulatorProcess> | null = null;
  let running: RunningStation | null = null;
  // From the start: a signal during start-up stops what has started so far. The station first (the HTTP server,
  // the drivers, Sparkplug STATE offline, the database), then the simulator it talks to (once it has started).
  stopOnSignals({
    log,
    steps: [
      { what: 'the station', stop: (progress) => running?.dispose(progress) },
      { what: 'the line simulator', stop: () => simulator?.then((s) => s.dispose(), () => undefined) },
    ],
  });
  let simulatorEndpoint: string | null = null;
  if (values.simulate) {
    // The simulator starts in its own process while the station starts here, told its port ahead; the station's
    // driver connects as soon as it answers.
    const port = await freeLoopbackPort();
    const self = process.argv[1] ?? '';
    simulatorEndpoint = `opc.tcp://localhost:${port}`;
    simulator = spawnSimulator(process.execPath, [...process.execArgv, self, 'simulate', '--port', String(port), '--speed', values.speed, '--data-dir', dataDir], log);
    simulator.catch(() => undefined); // awaited below; a failure is reported there
  }
  let tls: StationTls | null;
  try {
    const { generatedTls, isLoopback, loadTls, startStation } = await import('../station');
    tls = values['tls-cert'] && values['tls-key'] ? loadTls(values['tls-cert'], values['tls-key']) : values.tls ? await generatedTls(dataDir) : null;
    if (!tls && !isLoopback(values.host)) {
      log.warn(
        `WARNING: listening on ${values.host} WITHOUT TLS: passwords, session tokens and production data cross the network in clear text. ` +
          'Give plant IT\'s certificate with --tls-cert and --tls-key (or --tls for a self-signed one).',
      );
    }
    running = await startStation({
      dataDir,
      host: values.host,
      port: Number(values.port),
      staticRoot: rendererDir,
      resourcesDir,
      demo: values.simulate,
      demoSchedule: values.simulate && !values.empty,
      simulatorEndpoint,
      log,
      version: appVersion(),
      ...(tls ? { tls } : {}),
      ...(plantUrl ? { plantUrl } : {}),
      ...(retainDays !== undefined ? { retainReplicatedDays: retainDays } : {}),
      ...(values['station-id'] ? { stationId: values['station-id'] } : {}),
      ...(uns ? { uns } : {}),
    });
    if (simulator) {
      const sim = await simulator;
      if (sim.endpoint !== simulatorEndpoint) log.warn(`the line simulator answers at ${sim.endpoint}, not ${simulatorEndpoint}`);
      log.info(`line simulator (pid ${sim.pid}) running at ${sim.endpoint}`);
      await running.reconnect(); // at once, not at the driver's next retry
    }
  } catch (error) {
    await running?.dispose();
    await simulator?.then((s) => s.dispose(), () => undefined);
    throw error;
  }

  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`Station ${running.stationId} is running. Open the HMI: ${running.url}/`);
  out(`  data: ${dataDir}`);
  if (tls) out(`  TLS: ${tls.source}, SHA-256 fingerprint ${tls.fingerprint}`);
  // The demo users (DEMO_USERS in the station's seed), named here so that this message does not load the station early.
  if (values.simulate) out(`  demo mode: sign in as ${['operator', 'lead', 'supervisor', 'engineer', 'quality', 'auditor', 'admin'].join(', ')} — the password is the user name.`);
  if (running.firstAdmin) {
    out(`  first start: an administrator was created. Sign in as "${running.firstAdmin.username}" with password "${running.firstAdmin.password}".`);
    out('  This password is shown only now (and once in the desktop app): write it down. You choose your own at the first sign-in.');
  }
  if (!values.simulate) {
    out('  no line yet? an engineer sets it up under Line setup in the HMI (or line.json in the data folder),');
    out('  then defines the products and connects the line PLC under Connections (or station-config.json).');
  }
}

/** The Unified Namespace's broker: its URL (the user name in it, the password from the environment, never argv). */
function unsOptions(url: string | undefined, root: string, password: string | undefined): { url: string; root: string; username?: string; password?: string } | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--uns ${url} is not a URL: give mqtt://HOST:PORT or mqtts://HOST:PORT`);
  }
  if (parsed.protocol !== 'mqtt:' && parsed.protocol !== 'mqtts:') throw new Error(`--uns ${url}: the broker is mqtt:// or mqtts://`);
  if (parsed.password) throw new Error('--uns: give the password in MES_UNS_PASSWORD, not in the URL (a command line is visible to every user of the machine)');
  const username = decodeURIComponent(parsed.username);
  parsed.username = '';
  return { url: parsed.toString(), root, ...(username ? { username } : {}), ...(password ? { password } : {}) };
}
