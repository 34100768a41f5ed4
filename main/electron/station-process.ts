// Electron utility process: the station runs here, off the UI thread (STYLE.md §9). The main process talks to it
// with postMessage: {id, operation, input, token} → {id, result}. A window's side of the live channel: {client, message,
// token} in (join under its session, watch tags), {to: client, stream} out (the changes it may hear, its tag values);
// {client, closed} when it goes. Nothing is sent to a window that has not joined under a valid session.
import { join } from 'node:path';
import type { StreamSession } from '../api';
import { consoleLog, startStation, stopOnSignals, type RunningStation, type StationOptions } from '../station';
import { appVersion, rendererDir, resourcesDir } from '../cli/paths';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const port = (process as unknown as { parentPort: ParentPort }).parentPort;
const args = new Map<string, string>();
// The key of PLC passwords at rest, from the main process (the OS keychain): taken, and gone from the environment.
const secretKey = process.env.MES_SECRET_KEY ? Buffer.from(process.env.MES_SECRET_KEY, 'base64') : undefined;
delete process.env.MES_SECRET_KEY;
for (const a of process.argv) {
  const m = /^--mes-([\w-]+)=(.*)$/.exec(a);
  if (m) args.set(m[1] as string, m[2] as string);
}

async function main(): Promise<void> {
  const log = consoleLog('station');
  const dataDir = args.get('data-dir') ?? join(process.cwd(), '.data', 'station');
  const simulate = args.get('simulate') === 'true';
  // The line simulator runs in a utility process of its own, started by the main process (main/electron/simulator-host.ts).
  const simulatorEndpoint = args.get('simulator') || null;
  let station: RunningStation | null = null;
  // The main process stops us with SIGTERM (utilityProcess.kill): the station (HTTP server, drivers, Sparkplug
  // STATE offline, database). From the start, so a stop during start-up is clean too. It stops the simulator after us.
  stopOnSignals({ log, steps: [{ what: 'the station', stop: (progress) => station?.dispose(progress) }] });
  const options: StationOptions = {
    dataDir,
    host: '127.0.0.1',
    port: Number(args.get('port') ?? '5170'),
    staticRoot: rendererDir,
    resourcesDir,
    demo: simulate,
    // The desktop demo opens on a running line: a shift's orders arrive from "ERP" on its first start.
    demoSchedule: simulate,
    simulatorEndpoint,
    log,
    version: appVersion(),
    ...(secretKey ? { secretKey } : {}),
  };
  // The desktop app must open even when another station already serves the usual port: remote screens then use another.
  const started: RunningStation = await startStation(options).catch((error: unknown) => {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    log.warn(`port ${options.port} is in use; serving remote screens on a free port instead`);
    return startStation({ ...options, port: 0 });
  });
  station = started;
  const clients = new Map<number, StreamSession>();
  port.on('message', (e) => {
    const m = e.data as { id?: unknown; operation?: unknown; input?: unknown; token?: unknown; client?: unknown; message?: unknown; closed?: unknown };
    if (typeof m.client === 'number') return clientMessage(clients, started, m.client, m);
    if (typeof m.id !== 'number' || typeof m.operation !== 'string') return;
    const token = typeof m.token === 'string' ? m.token : null;
    // local: the desktop app on this computer (it alone may be shown the first administrator's password).
    void started.dispatch(m.operation, m.input, token, { local: true }).then((result) => port.postMessage({ id: m.id, result }));
  });
  port.postMessage({ ready: true, url: started.url, firstAdmin: started.firstAdmin, demo: simulate });
}

/** A window's message on the live channel: its session checks the message and the token, as for a WebSocket. */
function clientMessage(clients: Map<number, StreamSession>, station: RunningStation, client: number, m: { message?: unknown; token?: unknown; closed?: unknown }): void {
  if (m.closed === true) {
    clients.get(client)?.dispose();
    clients.delete(client);
    return;
  }
  let session = clients.get(client);
  if (!session) {
    session = station.stream.open({ send: (stream) => port.postMessage({ to: client, stream }) });
    clients.set(client, session);
  }
  session.receive(m.message, typeof m.token === 'string' ? m.token : null);
}

main().catch((error: unknown) => {
  port.postMessage({ failed: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
