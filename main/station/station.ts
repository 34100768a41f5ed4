import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EquipmentModel, MasterData, type Driver, type DriverHealth } from '../../core';
import { createDispatcher, LiveStream, startHttpServer, type Dispatch } from '../api';
import { EventStore, createProjector, openDatabase, type Db } from '../store';
import { Accounts } from './accounts';
import { systemClock, type Clock } from './clock';
import { Commands } from './commands';
import { LineController } from './line-controller';
import type { Log } from './log';
import { Queries } from './queries';
import { seedDemoUsers, seedFirstAdmin, seedMasterData } from './seed';

export interface StationOptions {
  readonly dataDir: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly staticRoot: string;
  readonly resourcesDir: string;
  /** Demo mode: demo users (password = name). Otherwise the first start creates an admin. */
  readonly demo: boolean;
  /** The line PLC, or null to run without one (orders only). */
  readonly plc: { readonly endpoint: string; readonly createDriver: (endpoint: string) => Driver } | null;
  readonly log: Log;
  readonly version: string;
  readonly clock?: Clock;
  /** Serve HTTP (browser HMI, ERP); the desktop app may also run without it. */
  readonly http?: boolean;
}

export interface RunningStation {
  readonly url: string | null;
  readonly stationId: string;
  readonly dispatch: Dispatch;
  readonly stream: LiveStream;
  readonly db: Db;
  readonly firstAdmin: { username: string; password: string } | null;
  readonly demoUsers: readonly string[];
  dispose(): Promise<void>;
}

function stationIdOf(db: Db): string {
  const existing = db.prepare("SELECT value FROM station WHERE key = 'station_id'").pluck().get() as string | undefined;
  if (existing) return existing;
  const id = `ST-${randomUUID().slice(0, 8)}`;
  db.prepare("INSERT INTO station (key, value) VALUES ('station_id', ?)").run(id);
  return id;
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/** The composition root: store, commands, queries, the line PLC, the API. Everything it starts, dispose() stops. */
export async function startStation(o: StationOptions): Promise<RunningStation> {
  const clock = o.clock ?? systemClock;
  const equipment = EquipmentModel.parse(readJson(join(o.resourcesDir, 'demo', 'line.json')));
  const master = MasterData.parse(readJson(join(o.resourcesDir, 'demo', 'master-data.json')));
  const db = openDatabase(join(o.dataDir, 'station.sqlite'));
  const disposers: (() => Promise<void> | void)[] = [() => void db.close()];
  const dispose = async () => {
    for (const d of disposers.splice(0).reverse()) {
      try {
        await d();
      } catch (error) {
        o.log.error('stopping', error);
      }
    }
  };
  try {
    const stationId = stationIdOf(db);
    const store = new EventStore(db, stationId, createProjector(db));
    const commands = new Commands(store, clock, equipment.line.id);
    const accounts = new Accounts(store, clock);
    const stream = new LiveStream();
    disposers.push(store.onCommitted((events) => stream.publishEvents(events)));

    await seedMasterData(store, commands, master);
    const demoUsers = o.demo ? seedDemoUsers(accounts) : [];
    const firstAdmin = o.demo ? null : seedFirstAdmin(accounts);

    let driver: Driver | null = null;
    let plcHealth: DriverHealth = { connected: false, endpoint: '', message: 'no line PLC configured', since: clock.now().toISOString() };
    const queries = new Queries(store, equipment, clock, () => plcHealth);
    if (o.plc) {
      const d = o.plc.createDriver(o.plc.endpoint);
      driver = d;
      disposers.push(() => d.dispose());
      const watch = d.onHealth((h) => {
        plcHealth = h;
        stream.publish({ kind: 'plc', connected: h.connected, message: h.message });
      });
      disposers.push(() => watch.dispose());
      plcHealth = d.health();
      await d.connect();
      plcHealth = d.health();
      const controller = new LineController(d, equipment, commands, o.log);
      disposers.push(store.onCommitted((events) => controller.onCommitted(events)));
      await controller.start();
      disposers.push(() => controller.dispose());
    }

    const health = () => ({
      status: (driver === null || plcHealth.connected ? 'ok' : 'degraded') as 'ok' | 'degraded',
      stationId,
      version: o.version,
      time: clock.now().toISOString(),
      events: store.lastSeq(),
      plc: { connected: plcHealth.connected, endpoint: plcHealth.endpoint || null, message: plcHealth.message },
    });
    const dispatch = createDispatcher({ accounts, commands, queries, health }, o.log);
    let url: string | null = null;
    if (o.http !== false) {
      const http = await startHttpServer(
        { host: o.host, port: o.port, staticRoot: o.staticRoot, version: o.version, stationId, lastSeq: () => store.lastSeq() },
        dispatch,
        accounts,
        stream,
      );
      disposers.push(() => http.dispose());
      url = http.url;
    }
    return { url, stationId, dispatch, stream, db, firstAdmin, demoUsers, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
