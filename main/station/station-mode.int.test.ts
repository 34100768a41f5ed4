import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openDatabase } from '../store';
import { resourcesDir, tempDir } from '../../tests/support/station-fixtures';
import { startStation } from '.';
import { silentLog } from './log';

const start = (dataDir: string, demo: boolean) =>
  startStation({ dataDir, host: '127.0.0.1', port: 0, staticRoot: '', resourcesDir, demo, log: silentLog, version: 'test', http: false });

test('a demo database never runs as a plant station, and a plant database never gets demo accounts', async () => {
  const demoDir = tempDir('mes-mode-demo-');
  const plantDir = tempDir('mes-mode-plant-');
  try {
    await (await start(demoDir.path, true)).dispose();
    await assert.rejects(start(demoDir.path, false), /holds a demo station \(created with --simulate\).*never runs as a plant station/);
    const plant = await start(plantDir.path, false);
    assert.equal(plant.demoUsers.length, 0);
    assert.ok(plant.firstAdmin);
    await plant.dispose();
    await assert.rejects(start(plantDir.path, true), /holds a plant station: --simulate would add demo accounts/);
    // The refused starts left the folders as they were, and free for the next start.
    const again = await start(demoDir.path, true);
    await again.dispose();
  } finally {
    demoDir.dispose();
    plantDir.dispose();
  }
});

test('a database from before the mark is known by its demo accounts', async () => {
  const dir = tempDir('mes-mode-old-');
  try {
    await (await start(dir.path, true)).dispose();
    const db = openDatabase(join(dir.path, 'station.sqlite'));
    db.prepare("DELETE FROM station WHERE key = 'mode'").run();
    db.close();
    await assert.rejects(start(dir.path, false), /holds a demo station/);
  } finally {
    dir.dispose();
  }
});
