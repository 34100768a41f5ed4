import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { EventStore, createProjector, openDatabase } from '../store';
import { demoMasterData, fixedClock, projectRoot, tempDir } from '../../tests/support/station-fixtures';
import { Commands } from './commands';
import { fixedLine } from './line-setup';
import { readOnTheLoop } from './b2mml-reader';
import { DropFolder, type DropResult } from './drop-folder';
import { silentLog } from './log';

test('files dropped by ERP are imported whole or refused whole, and moved aside with the reason', async (t) => {
  const dir = tempDir('mes-drop-');
  t.after(() => dir.dispose());
  const db = openDatabase(':memory:');
  const commands = new Commands(new EventStore(db, 'ST-t', createProjector(db)), fixedClock(), fixedLine('L1'));
  for (const m of demoMasterData().materials) await commands.defineMaterial(m, commands.context('e'));
  for (const p of demoMasterData().products) await commands.defineProduct(p, commands.context('e'));
  const results: DropResult[] = [];
  const drop = new DropFolder(dir.path, commands, readOnTheLoop, silentLog, (r) => results.push(r), 0);
  t.after(() => drop.dispose());

  copyFileSync(join(projectRoot, 'tests', 'fixtures', 'b2mml', 'v0600-valve-schedule.xml'), join(dir.path, 'a-schedule.xml'));
  writeFileSync(join(dir.path, 'b-orders.csv'), 'number,product,revision,quantity,dueDate,priority\nPO-CSV-1,VLV-100,B,5,2026-12-01,2\nPO-CSV-2,VLV-200,A,3,2026-12-02,\n');
  writeFileSync(
    join(dir.path, 'b-routing.json'),
    JSON.stringify({
      materials: [{ id: 'KIT-1', revision: 'A', description: 'Service kit' }],
      products: [{ product: 'KIT-1', revision: 'A', bom: [{ material: 'SEAT-25', revision: 'A', quantity: 2 }],
        routing: [{ seq: 10, name: 'Pack', workCenter: 'WC40', standardCycleSeconds: 20, components: [{ material: 'SEAT-25', quantity: 2 }] }] }],
      orders: [{ number: 'PO-KIT-1', product: 'KIT-1', revision: 'A', quantity: 10, dueDate: '2026-12-03' }],
    }),
  );
  writeFileSync(join(dir.path, 'b-wrong.json'), JSON.stringify({ products: [{ product: 'KIT-2', revision: 'A', routing: [] }] }));
  writeFileSync(join(dir.path, 'c-bad.csv'), 'number,product,revision,quantity,dueDate\nPO-CSV-3,VLV-100,B,5,2026-12-01\nPO-CSV-4,VLV-100,B,-1,2026-12-01\n');
  drop.start();
  await drop.idle();

  assert.deepEqual(results.map((r) => [r.file, r.ok]), [
    ['a-schedule.xml', true], ['b-orders.csv', true], ['b-routing.json', true], ['b-wrong.json', false], ['c-bad.csv', false],
  ]);
  assert.match(results[2]?.message ?? '', /1 order\(s\) received, 0 already here, 1 material\(s\) and 1 product revision\(s\) defined/);
  assert.match(results[3]?.message ?? '', /products\.0\.routing/);
  assert.match(results[4]?.message ?? '', /line 3: quantity/);
  const numbers = db.prepare('SELECT number FROM orders ORDER BY number').pluck().all();
  assert.deepEqual(numbers, ['PO-B2M-1', 'PO-B2M-2', 'PO-CSV-1', 'PO-CSV-2', 'PO-KIT-1'], 'nothing of the refused file was applied');
  // The record names the file and the account that owns it (the station does not know who put it there).
  const owner = userInfo().username;
  assert.equal(db.prepare("SELECT actor FROM events WHERE stream = 'order:PO-CSV-1'").pluck().get(), `import file b-orders.csv (owner ${owner})`);
  assert.equal(readdirSync(join(dir.path, 'done')).length, 3);
  const failed = readdirSync(join(dir.path, 'failed'));
  const reason = failed.find((f) => f.endsWith('c-bad.csv.reason.txt'));
  assert.ok(reason && readFileSync(join(dir.path, 'failed', reason), 'utf8').includes('line 3'));
  assert.deepEqual(readdirSync(dir.path).sort(), ['done', 'failed']);
});
