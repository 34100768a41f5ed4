import { parseArgs } from 'node:util';
import { addPlantUser, addStation, disablePlantUser, openPlantDatabase, redactedUrl, resumeStation, startPlantServer } from '../plant';
import { consoleLog } from '../process';
import { PasswordHasher } from '../station';
import { appVersion, defaultPlantDataDir, rendererDir } from './paths';

export const PLANT_HELP = `mes plant --pg postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE [--host 127.0.0.1] [--port 5180] [--data-dir DIR]
  The plant server: creates and migrates its schema in that PostgreSQL (plant IT runs, backs up and scales it),
  builds the plant's read models from every station's replicated log (replicas of the stations in --data-dir, a cache
  of PostgreSQL), and serves the HMI in plant mode and the plant's API (OpenAPI at /api/v1/openapi.json). The URL may
  also come from MES_PLANT_PG; its password never appears in a log. TLS to PostgreSQL: add ?sslmode=verify-full.`;

export const RESUME_HELP = `mes plant resume-station --pg postgres://OWNER@HOST/DATABASE --station ST-ID --decision "what was found and decided" [--by NAME]
  After the plant refused a batch of a station's log (a gap, other content under a sequence number, a broken hash),
  an engineer records what was decided; the station's log then goes on from where the plant stands (the refused rows
  stay kept apart, and what still does not continue the log is refused again).`;

export const ADD_USER_HELP = `mes plant add-user --pg postgres://OWNER@HOST/DATABASE --user NAME --role quality|auditor|supervisor|engineer|admin [--name "Display name"]
  Makes (or resets) a plant account for the plant's HMI and API; prints its password once. Its sessions end (a new
  role or password takes effect at the next sign-in).`;

export const DISABLE_USER_HELP = `mes plant disable-user --pg postgres://OWNER@HOST/DATABASE --user NAME
  Disables a plant account: it can no longer sign in, and its sessions end within seconds (add-user enables it again).`;

export const ADD_STATION_HELP = `mes plant add-station --pg postgres://OWNER@HOST/DATABASE --station ST-ID [--role NAME]
  Registers a station at the plant under a PostgreSQL role of its own, which may only read and append that station's
  rows. Prints, once, the URL the station ships to (mes station --plant URL): its password is not kept anywhere else.`;

async function addStationCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { pg: { type: 'string' }, station: { type: 'string' }, role: { type: 'string' } } });
  const url = values.pg ?? process.env['MES_PLANT_PG'];
  if (!url || !values.station) {
    process.stderr.write(`mes plant add-station: say which PostgreSQL (--pg) and which station (--station)\n\n${ADD_STATION_HELP}\n`);
    process.exitCode = 2;
    return;
  }
  const pool = await openPlantDatabase(url);
  try {
    const { role, password } = await addStation(pool, values.station, values.role ? { role: values.role } : {});
    const target = new URL(url);
    target.username = role;
    target.password = password;
    process.stdout.write(`Station ${values.station} registered as role ${role}. Give the station this address (shown once):\n  ${target.toString()}\n`);
  } finally {
    await pool.end();
  }
}

async function addUserCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { pg: { type: 'string' }, user: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } } });
  const url = values.pg ?? process.env['MES_PLANT_PG'];
  if (!url || !values.user || !values.role) {
    process.stderr.write(`mes plant add-user: say which PostgreSQL (--pg), which user (--user) and role (--role)\n\n${ADD_USER_HELP}\n`);
    process.exitCode = 2;
    return;
  }
  const pool = await openPlantDatabase(url);
  const hasher = new PasswordHasher();
  try {
    const { password } = await addPlantUser(pool, hasher, { username: values.user, role: values.role, ...(values.name ? { displayName: values.name } : {}) });
    process.stdout.write(`Plant account ${values.user} (${values.role}) ready. Its password (shown once): ${password}\n`);
  } finally {
    await hasher.dispose();
    await pool.end();
  }
}

async function resumeCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { pg: { type: 'string' }, station: { type: 'string' }, decision: { type: 'string' }, by: { type: 'string' } } });
  const url = values.pg ?? process.env['MES_PLANT_PG'];
  if (!url || !values.station || !values.decision) {
    process.stderr.write(`mes plant resume-station: say which PostgreSQL (--pg), which station (--station) and what was decided (--decision)\n\n${RESUME_HELP}\n`);
    process.exitCode = 2;
    return;
  }
  const pool = await openPlantDatabase(url);
  try {
    const { decided } = await resumeStation(pool, values.station, values.decision, values.by ?? process.env['USER'] ?? 'engineer');
    process.stdout.write(`Station ${values.station}: ${decided} refused batch(es) decided; its log goes on from where the plant stands.\n`);
  } finally {
    await pool.end();
  }
}

async function disableUserCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { pg: { type: 'string' }, user: { type: 'string' } } });
  const url = values.pg ?? process.env['MES_PLANT_PG'];
  if (!url || !values.user) {
    process.stderr.write(`mes plant disable-user: say which PostgreSQL (--pg) and which user (--user)\n\n${DISABLE_USER_HELP}\n`);
    process.exitCode = 2;
    return;
  }
  const pool = await openPlantDatabase(url);
  try {
    if (await disablePlantUser(pool, values.user)) process.stdout.write(`Plant account ${values.user} disabled; its sessions end within seconds.\n`);
    else {
      process.stderr.write(`The plant has no account ${values.user}.\n`);
      process.exitCode = 1;
    }
  } finally {
    await pool.end();
  }
}

export async function plant(argv: string[]): Promise<void> {
  if (argv[0] === 'add-station') return addStationCommand(argv.slice(1));
  if (argv[0] === 'resume-station') return resumeCommand(argv.slice(1));
  if (argv[0] === 'add-user') return addUserCommand(argv.slice(1));
  if (argv[0] === 'disable-user') return disableUserCommand(argv.slice(1));
  const { values } = parseArgs({ args: argv, options: { pg: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, 'data-dir': { type: 'string' } } });
  const url = values.pg ?? process.env['MES_PLANT_PG'];
  if (!url) {
    process.stderr.write(`mes plant: say which PostgreSQL: --pg postgres://… (or MES_PLANT_PG)\n\n${PLANT_HELP}\n`);
    process.exitCode = 2;
    return;
  }
  const port = Number(values.port ?? 5180);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`mes plant: --port ${values.port ?? ''} is not a port number\n`);
    process.exitCode = 2;
    return;
  }
  let pool;
  try {
    pool = await openPlantDatabase(url);
  } catch (error) {
    throw new Error(`the plant database at ${redactedUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
  const log = consoleLog('plant');
  const server = await startPlantServer({
    pool, host: values.host ?? '127.0.0.1', port, dataDir: values['data-dir'] ?? defaultPlantDataDir(), staticRoot: rendererDir, version: appVersion(), log: (line) => log.warn(line),
  });
  process.stdout.write(`Plant server running: ${server.url} (PostgreSQL ${redactedUrl(url)})\n`);
  const stop = () => {
    void server.close().then(() => pool.end()).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
