import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Replicator } from '../../main/replication';
import { Commands } from '../../main/station/commands';
import { fixedLine } from '../../main/station/line-setup';
import { EventStore, createProjector, openDatabase, type Db } from '../../main/store';
import { demoMasterData, fixedClock } from './station-fixtures';

/** A station of its own (the demo products, a line of its own), shipping its log to the plant. */
export interface LineStation {
  readonly id: string;
  readonly db: Db;
  readonly store: EventStore;
  readonly commands: Commands;
  readonly shipper: Replicator;
  dispose(): Promise<void>;
}

export async function lineStation(dir: string, id: string, line: string, plantUrl: string): Promise<LineStation> {
  const db = openDatabase(join(dir, `${id}.sqlite`));
  const store = new EventStore(db, id, createProjector(db));
  const commands = new Commands(store, fixedClock(), fixedLine(line));
  const data = demoMasterData();
  for (const m of data.materials) await commands.defineMaterial(m, commands.context('engineer'));
  for (const p of data.products) await commands.defineProduct(p, commands.context('engineer'));
  const shipper = new Replicator(db, id, plantUrl, () => store.lastSeq(), { batch: 50 });
  store.onCommitted(() => shipper.nudge());
  return {
    id, db, store, commands, shipper,
    dispose: async () => {
      await shipper.dispose();
      db.close();
    },
  };
}

/** An order of one unit on a station's line, its unit started and given the lots named at WC10; its serial. */
export async function buildUnit(s: LineStation, order: string, lots: { readonly seat: string; readonly body: string }): Promise<string> {
  const { commands } = s;
  await commands.receiveOrder({ number: order, product: 'VLV-100', revision: 'B', quantity: 1, dueDate: '2026-12-01', priority: 5 }, commands.context('planner'));
  await commands.orderAction({ number: order, action: 'release' }, commands.context('supervisor'));
  await commands.orderAction({ number: order, action: 'dispatch' }, commands.context('supervisor'));
  const started = await commands.startNextUnit(commands.context('plc'));
  assert.ok(started.ok && started.value);
  const serial = started.value;
  for (const [material, revision, lot] of [['SEAT-25', 'A', lots.seat], ['BODY-25', 'C', lots.body]] as const) {
    const r = await commands.consumeLot(serial, { workCenter: 'WC10', material, revision, lot }, commands.context('operator'));
    assert.ok(r.ok, r.ok ? '' : r.error.message);
  }
  return serial;
}
