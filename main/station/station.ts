import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MasterData, STATION_ID, type LineSetupInput, type StationConfig } from '../../core';
import { createDispatcher, LiveStream, startHttpServer, type Dispatch } from '../api';
import { EventStore, WalSync, createProjector, dispatchListSnapshot, lockDataDir, openDatabase, type Db } from '../store';
import { Accounts } from './accounts';
import { AlarmEngine } from './alarm-engine';
import { systemClock, type Clock } from './clock';
import { Commands } from './commands';
import { newContext } from './context';
import { receiveDemoShift } from './demo-shift';
import { LineSetups } from './line-setup';
import { Production } from './production';
import { Downtime } from './downtime';
import { Spc } from './spc';
import { UnsSettings } from './uns-settings';
import { ShiftReports } from './shift-report';
import { oeeModel } from '../oee';
import { UnsLink, type UnsOptions } from '../uns';
import { checkStationMode } from './station-mode';
import { ConfigStore } from './config-store';
import { SecretBox } from './secrets';
import { Connectivity, type CertificateStore } from './connectivity';
import { ConnectionManager, type DriverFactory } from './connections';
import { DEMO_CONNECTION, demoConfig, emptyConfig } from './demo-config';
import { ThreadedB2mmlReader } from './b2mml-reader';
import { DropFolder } from './drop-folder';
import { defaultDriverFactory, opcUaCertificateStore } from './driver-factory';
import { Historian } from './historian';
import { LineController } from './line-controller';
import type { Log } from './log';
import { Queries } from './queries';
import { AuditTrail } from './audit-trail';
import { Changes } from './changes';
import { Supply } from './supply';
import { linkToPlant } from './plant-link';
import { PlantInbox } from './plant-inbox';
import { takeRelease } from './plant-release';
import { GenealogyExplorer } from './genealogy-explorer';
import { RecordIntegrity } from './record-integrity';
import { Signatures } from './signatures';
import { Reports, exportOnCompletion } from './reports';
import { seedDemoUsers, seedFirstAdmin, seedMasterData } from './seed';
import { TagCache } from './tag-cache';
import { TagWatches } from './tag-watch';

export interface StationOptions {
  readonly dataDir: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly staticRoot: string;
  readonly resourcesDir: string;
  /** Demo mode: demo users (password = name). Otherwise the first start creates an admin. */
  readonly demo: boolean;
  /** Demo mode's simulated line PLC: the first start maps the whole line onto it; later starts follow its endpoint. */
  readonly simulatorEndpoint?: string | null;
  readonly createDriver?: DriverFactory;
  readonly certificates?: CertificateStore;
  readonly log: Log;
  readonly version: string;
  readonly clock?: Clock;
  /** Serve HTTP (browser HMI, ERP); the desktop app may also run without it. */
  readonly http?: boolean;
  /** Serve HTTPS/WSS with this certificate (see tls.ts); plain HTTP without. */
  readonly tls?: { readonly cert: string; readonly key: string };
  /** Demo mode's first start: a shift's schedule comes in from "ERP" and is dispatched, so the line runs at once. */
  readonly demoSchedule?: boolean;
  /** The key that seals PLC passwords at rest, when the host keeps it (the desktop app: in the OS keychain); else <dataDir>/secret.key. */
  readonly secretKey?: Buffer;
  /** The id a new station takes (plant IT's name for it, e.g. ST-LINE-A); an existing station must match it. Default: made up. */
  readonly stationId?: string;
  /** The plant's PostgreSQL (this station's own role): the station's log is shipped there (main/replication). */
  readonly plantUrl?: string;
  /** A backlog older than this raises an alarm (default 15). */
  readonly plantBacklogAlarmMinutes?: number;
  /** Retention (with a plant): events the plant holds, of units and orders finished this many days ago, leave the log. */
  readonly retainReplicatedDays?: number;
  /** Publish the line to the plant's Unified Namespace (MQTT). */
  readonly uns?: UnsOptions;
}

export interface RunningStation {
  readonly url: string | null;
  readonly stationId: string;
  readonly dispatch: Dispatch;
  readonly stream: LiveStream;
  readonly db: Db;
  readonly tags: TagCache;
  readonly firstAdmin: { username: string; password: string } | null;
  readonly demoUsers: readonly string[];
  /** Connect now every connection that is not connected (its PLC has just come up), instead of at its next retry. */
  reconnect(): Promise<void>;
  /** Stops everything, the database last. `progress` hears each step as it begins (e.g. "closing the database"). */
  dispose(progress?: (doing: string) => void): Promise<void>;
}

/** The station's id: kept in its database from its first start (named by plant IT then, or made up). */
function stationIdOf(db: Db, wanted?: string): string {
  const existing = db.prepare("SELECT value FROM station WHERE key = 'station_id'").pluck().get() as string | undefined;
  if (existing && wanted && existing !== wanted) throw new Error(`This data folder is station ${existing}, not ${wanted}: a station keeps the id it started with (its record and the plant's copy of it are under that id).`);
  if (existing) return existing;
  if (wanted !== undefined && !STATION_ID.test(wanted)) throw new Error(`"${wanted}" is not a station id (letters, digits, . _ -; up to 63)`);
  const id = wanted ?? `ST-${randomUUID().slice(0, 8)}`;
  db.prepare("INSERT INTO station (key, value) VALUES ('station_id', ?)").run(id);
  return id;
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/** The composition root: store, commands, queries, connections, alarms, historian, the API. dispose() stops all of it. */
export async function startStation(o: StationOptions): Promise<RunningStation> {
  const clock = o.clock ?? systemClock;
  const unlock = lockDataDir(o.dataDir, 'a station');
  let db: Db;
  const dbFile = join(o.dataDir, 'station.sqlite');
  try {
    // Commits are written at once and put on disk off the loop (WalSync) before they are acknowledged.
    db = openDatabase(dbFile, { synchronous: 'NORMAL' });
  } catch (error) {
    unlock();
    throw error;
  }
  const durable = new WalSync(dbFile);
  // Stopped in reverse: the HTTP server first, … the connections (drivers; Sparkplug says STATE offline), the database last.
  const disposers: { readonly what: string | null; readonly run: () => Promise<void> | void }[] = [];
  const onStop = (run: () => Promise<void> | void, what: string | null = null) => void disposers.push({ what, run });
  onStop(unlock);
  onStop(async () => {
    // The last commits' acknowledgments first: then nothing waits on the file.
    await durable.flushed().catch(() => undefined);
    db.close();
    durable.close();
    o.log.info('closed the database');
  }, 'closing the database');
  const dispose = async (progress?: (doing: string) => void) => {
    for (const d of disposers.splice(0).reverse()) {
      if (d.what) progress?.(d.what);
      try {
        await d.run();
      } catch (error) {
        o.log.error(d.what ? `stopping: ${d.what}` : 'stopping', error);
      }
    }
  };
  try {
    checkStationMode(db, o.demo, o.dataDir);
    const stationId = stationIdOf(db, o.stationId);
    const store = new EventStore(db, stationId, createProjector(db), durable);
    store.snapshotFrom('queue:', dispatchListSnapshot);
    const firstStart = store.lastSeq() === 0;
    // The line is configuration: engineers set it up (HMI, API, <dataDir>/line.json). A demo station starts with the
    // demo line and its products; a plant station starts with none and says so.
    const lines = new LineSetups(store, clock, o.log, o.dataDir);
    onStop(() => lines.dispose(), 'stopping the line setup');
    const startUp = (actor = 'system') => newContext(clock, actor, { source: 'start-up' });
    if (o.demo && !lines.get()) {
      const demoLine = await lines.configure(readJson(join(o.resourcesDir, 'demo', 'line.json')) as LineSetupInput, startUp());
      if (!demoLine.ok) throw new Error(`the demo line: ${demoLine.error.message}`);
    }
    await lines.fromFile();
    lines.watchFile();
    const commands = new Commands(store, clock, lines);
    const accounts = new Accounts(store, clock, { log: o.log });
    onStop(() => accounts.dispose(), 'ending the sessions');
    const signatures = new Signatures(store, accounts);
    const stream = new LiveStream();
    onStop(store.onCommitted((events) => stream.publishEvents(events)));
    const record = new RecordIntegrity(db, store, o.log);
    onStop(() => record.dispose(), 'stopping the record check');
    onStop(record.onChange((state) => stream.publish({ kind: 'record', state })));

    const demoData = o.demo ? MasterData.parse(readJson(join(o.resourcesDir, 'demo', 'master-data.json'))) : null;
    if (demoData) await seedMasterData(store, commands, demoData);
    const demoUsers = o.demo ? await seedDemoUsers(accounts) : [];
    const firstAdmin = o.demo ? null : await seedFirstAdmin(accounts);

    const cache = new TagCache();
    const createDriver = o.createDriver ?? defaultDriverFactory(o.dataDir, o.log);
    const manager = new ConnectionManager(createDriver, cache, o.log, () => clock.now());
    onStop(() => manager.dispose(), 'stopping the connections (drivers; Sparkplug STATE offline)');
    const sim = o.demo ? (o.simulatorEndpoint ?? null) : null;
    const demoLine = lines.get();
    const config = new ConfigStore(
      store,
      clock,
      o.log,
      o.dataDir,
      () => (sim && demoLine ? demoConfig(demoLine, sim) : emptyConfig()),
      new SecretBox(join(o.dataDir, 'secret.key'), o.secretKey),
    );
    onStop(() => config.dispose(), 'stopping the configuration store');
    const plcConnection = config.get().connections.find((c) => c.id === DEMO_CONNECTION);
    if (sim && plcConnection?.kind === 'opcua' && plcConnection.endpoint !== sim) {
      config.upsertConnection({ ...plcConnection, endpoint: sim }, commands.context('system', { source: 'start-up' }));
    }
    const alarms = new AlarmEngine(store, cache, clock, o.log);
    onStop(() => alarms.dispose(), 'stopping the alarms');
    const historian = new Historian(db, cache, clock, o.log);
    onStop(() => historian.dispose(), 'stopping the historian');

    let controller: LineController | null = null;
    onStop(store.onCommitted((events) => controller?.onCommitted(events)));
    onStop(() => controller?.dispose(), 'stopping the line controller');
    let applying = Promise.resolve();
    const apply = (c: StationConfig) =>
      (applying = applying.then(async () => {
        await manager.apply(c);
        await controller?.dispose();
        controller = new LineController(manager, cache, c.mapping, commands, o.log);
        controller.start();
        alarms.apply(c.alarms);
        historian.apply(c.historian);
      }));
    await apply(config.get());
    if (demoData && firstStart && o.demoSchedule) await receiveDemoShift(commands, demoData.products, clock.now(), o.log);
    // The Unified Namespace has its own link (below): changing it leaves the drivers and the line's signals alone.
    onStop(config.onChange((change) => change.section !== 'uns' && void apply(change.next).catch((e: unknown) => o.log.error('applying the configuration', e))));
    config.watchFile();

    const lineConnections = () => {
      const m = config.get().mapping;
      return [...new Set([m.nextSerial?.connection, ...m.workCenters.flatMap((w) => Object.values(w.signals).map((s) => s?.connection))].filter((x): x is string => !!x))];
    };
    const plc = () => {
      const ids = lineConnections();
      if (ids.length === 0) return { connected: false, endpoint: null, message: 'No line PLC is configured: map the line under Connections.' };
      const healths = ids.map((id) => ({ id, h: manager.health(id) }));
      const down = healths.filter((x) => !x.h?.connected);
      return {
        connected: down.length === 0,
        endpoint: healths.map((x) => x.h?.endpoint ?? x.id).join(', '),
        message: down.length === 0 ? healths.map((x) => x.h?.message ?? '').join('; ') : down.map((x) => `${x.id}: ${x.h?.message ?? 'not started'}`).join('; '),
      };
    };
    onStop(
      manager.onHealth((id) => {
        if (lineConnections().includes(id)) {
          const p = plc();
          stream.publish({ kind: 'plc', connected: p.connected, message: p.message });
        }
      }),
    );
    const quality = (workCenter: string): 'good' | 'bad' => {
      const ref = config.get().mapping.workCenters.find((w) => w.workCenter === workCenter)?.signals.state;
      return ref && cache.get(ref)?.quality === 'good' ? 'good' : 'bad';
    };
    const queries = new Queries(store, () => lines.get(), clock, plc, quality);
    onStop(store.onCommitted((events) => queries.applyCommitted(events)));
    const certificates = o.certificates ?? opcUaCertificateStore(o.dataDir);
    const connectivity = new Connectivity(store, config, manager, cache, alarms, historian, createDriver, certificates, clock);

    const plantLink = o.plantUrl
      ? linkToPlant(
          { plantUrl: o.plantUrl, ...(o.plantBacklogAlarmMinutes !== undefined ? { backlogAlarmMinutes: o.plantBacklogAlarmMinutes } : {}), ...(o.retainReplicatedDays !== undefined ? { retainReplicatedDays: o.retainReplicatedDays } : {}) },
          { db, store, stationId, clock, alarms, stream, log: o.log },
          onStop,
        )
      : null;
    const health = () => {
      const p = plc();
      return {
        status: (lineConnections().length === 0 || p.connected ? 'ok' : 'degraded') as 'ok' | 'degraded',
        stationId,
        version: o.version,
        time: clock.now().toISOString(),
        events: store.lastSeq(),
        plc: p,
        ...(plantLink ? { replication: plantLink.status() } : {}),
      };
    };
    // ERP exports dropped as files: <dataDir>/import (done/ and failed/ beside them).
    const b2mml = new ThreadedB2mmlReader(o.log);
    onStop(() => b2mml.dispose(), 'stopping the B2MML reader');
    const changes = new Changes(store, lines, (revised) => queries.planWith(revised));
    const supply = new Supply(store, lines, (sequence, so) => queries.timeline(sequence, so), () => clock.now().getTime());
    const drop = new DropFolder(join(o.dataDir, 'import'), commands, b2mml, o.log);
    drop.takeChanges(changes);
    drop.takeSupply(supply);
    drop.start();
    onStop(() => drop.dispose(), 'stopping the import drop folder');

    if (o.plantUrl) {
      // Master data and changes released at the plant, taken here in order; a change is then this line's to decide on.
      const inbox = new PlantInbox(o.plantUrl, stationId, db, (r) => takeRelease(r, { commands, changes, clock }), { log: (line) => o.log.warn(line) });
      onStop(() => inbox.dispose(), 'stopping the releases from the plant');
    }

    const oee = oeeModel(db, () => clock.now().getTime());
    // Each measurement judged by its characteristic's rules as it commits (an alarm when one breaks them).
    const spc = new Spc(store, alarms);
    onStop(store.onCommitted((events) => spc.onCommitted(events)));
    const production = new Production(store, clock, () => lines.get(), oee);
    if (demoData && firstStart && o.demoSchedule) {
      // The demo plant works three shifts every day: OEE has planned time from the first minute.
      const calendar = await production.setCalendar(readJson(join(o.resourcesDir, 'demo', 'calendar.json')), startUp('engineer'));
      if (!calendar.ok) throw new Error(`the demo calendar: ${calendar.error.message}`);
    }
    const downtime = new Downtime(store, () => lines.get(), oee);
    // The line in the plant's Unified Namespace, from the log (a cursor that moves on the broker's acknowledgement):
    // as engineers set it (Connections), or fixed by the command line (mes station --uns).
    const uns = new UnsLink(db, () => lines.get(), () => production.current(), (line) => o.log.info(line), o.uns ?? null);
    const unsSettings = new UnsSettings(config, uns);
    onStop(store.onCommitted(() => uns.nudge()));
    onStop(async () => {
      unsSettings.dispose();
      await uns.dispose();
    }, 'stopping the UNS publisher');
    const shiftReports = new ShiftReports(db, () => lines.get(), oee, (q) => production.oee(q), (q) => downtime.losses(q), (q) => downtime.stops(q));
    const reports = new Reports(db, clock);
    onStop(store.onCommitted(exportOnCompletion(reports, join(o.dataDir, 'export'), o.log)));

    onStop(stream.serveTags(TagWatches.of(cache, manager, config, o.log), accounts), 'stopping the tag watches');
    // A session that ends (sign-out, revocation, idle, a disabled user) stops hearing the station at once, on any channel.
    onStop(accounts.onRevoked((token, reason) => stream.endSession(token, String(reason))));
    const dispatch = createDispatcher({ accounts, commands, queries, health, connectivity, reports, b2mml, record, signatures, trail: new AuditTrail(db, stationId), genealogy: new GenealogyExplorer(db), changes, supply, production, downtime, spc, uns: unsSettings, shiftReports, now: () => clock.now(), lines }, o.log);
    let url: string | null = null;
    if (o.http !== false) {
      const http = await startHttpServer(
        { host: o.host, port: o.port, staticRoot: o.staticRoot, version: o.version, stationId, lastSeq: () => store.lastSeq(), ...(o.tls ? { tls: o.tls } : {}) },
        dispatch,
        accounts,
        stream,
      );
      onStop(() => http.dispose(), 'stopping the HTTP server');
      // ...and its WebSockets are closed.
      onStop(accounts.onRevoked((token, reason) => http.closeStreams(token, String(reason))));
      url = http.url;
    }
    // The record's chain is walked once the station is up (in slices of the loop), then every hour.
    record.start();
    return { url, stationId, dispatch, stream, db, tags: cache, firstAdmin, demoUsers, reconnect: () => manager.retryFailed(), dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
