import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sameTarget, withKeptPassword, type ConnectionConfig } from '../../core';
import { EventStore, createProjector, openDatabase } from '../store';
import { tempDir } from '../../tests/support/station-fixtures';
import { ConfigStore } from './config-store';
import { emptyConfig } from './demo-config';
import { silentLog } from './log';
import { newContext } from './context';

const clock = { now: () => new Date('2026-12-06T08:00:00Z') };
const plc: ConnectionConfig = {
  id: 'PLC1', name: 'Line PLC', kind: 'opcua', enabled: true, endpoint: 'opc.tcp://plc-1:4840', securityMode: 'None', securityPolicy: 'Basic256Sha256',
  userName: 'mes', password: 'S3cret-pl4nt', samplingIntervalMs: 0, publishingIntervalMs: 100,
};

test('PLC passwords are sealed at rest, in the database and in station-config.json, and open again for the station', async () => {
  const dir = tempDir('mes-secrets-');
  try {
    const db = openDatabase(join(dir.path, 'station.sqlite'));
    const store = new EventStore(db, 'ST-s', createProjector(db));
    const config = new ConfigStore(store, clock, silentLog, dir.path, emptyConfig);
    assert.ok(config.upsertConnection(plc, newContext(clock, 'engineer')).ok);
    const body = db.prepare('SELECT body FROM config').pluck().get() as string;
    const file = readFileSync(config.file, 'utf8');
    for (const [where, text] of [['database', body], ['file', file]] as const) {
      assert.ok(!text.includes('S3cret-pl4nt'), `no clear password in the ${where}`);
      assert.match(text, /sealed:v1:/);
    }
    assert.ok(!JSON.stringify(store.readAll(0, 100)).includes('S3cret-pl4nt'), 'nor in the event log');
    assert.equal(statSync(join(dir.path, 'secret.key')).mode & 0o077, 0, 'the key is the station’s alone');
    config.dispose();
    const again = new ConfigStore(store, clock, silentLog, dir.path, emptyConfig);
    assert.equal(again.get().connections[0]?.password, 'S3cret-pl4nt');

    // A password typed into the file by hand is taken, and sealed when the station writes the file again.
    const edited = JSON.parse(readFileSync(again.file, 'utf8')) as { connections: { password: string }[] };
    edited.connections[0]!.password = 'n3w-by-hand';
    writeFileSync(again.file, JSON.stringify(edited));
    again.dispose();
    const third = new ConfigStore(store, clock, silentLog, dir.path, emptyConfig);
    assert.equal(third.get().connections[0]?.password, 'n3w-by-hand');
    assert.ok(!readFileSync(third.file, 'utf8').includes('n3w-by-hand'));
    // A form pointed at another endpoint does not take the stored password along.
    assert.ok(third.upsertConnection({ ...plc, endpoint: 'opc.tcp://elsewhere:4840', password: '' }, newContext(clock, 'engineer')).ok);
    assert.equal(third.get().connections[0]?.password, undefined);
    third.dispose();
    db.close();
  } finally {
    dir.dispose();
  }
});

test('a stored password is reused only for the same peer and user', () => {
  assert.equal(sameTarget(plc, { ...plc, name: 'renamed', publishingIntervalMs: 50 }), true);
  assert.equal(sameTarget(plc, { ...plc, endpoint: 'opc.tcp://attacker:4840' }), false);
  assert.equal(sameTarget(plc, { ...plc, userName: 'other' }), false);
  // The one rule saving and testing a connection both use (config-store, connectivity).
  assert.equal(withKeptPassword(plc, { ...plc, password: '••••••' }).password, 'S3cret-pl4nt');
  assert.equal(withKeptPassword(plc, { ...plc, password: '' }).password, 'S3cret-pl4nt');
  assert.equal(withKeptPassword(plc, { ...plc, endpoint: 'opc.tcp://attacker:4840', password: '••••••' }).password, undefined);
  assert.equal(withKeptPassword(plc, { ...plc, password: 'typed-new' }).password, 'typed-new');
});
