import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { addStation, openPlantDatabase } from '../plant';
import { generatedTls } from '../station';
import { openDatabase } from '../store';
import { writeChainedBacklog } from '../../tests/support/backlog';
import { plantLogDigest, stationLogDigest } from '../../tests/support/log-digest';
import { startPostgres, type RunningPostgres } from '../../tests/support/postgres';
import { tempDir } from '../../tests/support/station-fixtures';
import { until } from '../../tests/support/station-harness';
import { Replicator } from '.';

// TLS to the plant's PostgreSQL with sslmode=verify-full: the station ships over an encrypted session to the server
// its CA vouches for, and to no other.
let postgres: RunningPostgres;
let plant: pg.Pool;
const dir = tempDir('mes-pg-tls-');
let caFile: string;
let otherCaFile: string;

before(async () => {
  const tls = await generatedTls(join(dir.path, 'server'));
  caFile = join(dir.path, 'plant-ca.pem');
  writeFileSync(caFile, tls.cert);
  otherCaFile = join(dir.path, 'other-ca.pem');
  writeFileSync(otherCaFile, (await generatedTls(join(dir.path, 'impostor'))).cert);
  postgres = await startPostgres('plant', { tls });
  plant = await openPlantDatabase(postgres.url);
});
after(async () => {
  await plant?.end();
  await postgres?.dispose();
  dir.dispose();
});

test('verify-full: the log ships over TLS to the server the CA vouches for; the password never shows', async () => {
  const db = openDatabase(join(dir.path, 'st.sqlite'));
  writeChainedBacklog(db, 'ST-TLS', 300);
  const { role, password } = await addStation(plant, 'ST-TLS');
  const url = `postgres://${role}:${password}@127.0.0.1:${postgres.port}/plant?sslmode=verify-full&sslrootcert=${encodeURIComponent(caFile)}`;
  const lines: string[] = [];
  const shipper = new Replicator(db, 'ST-TLS', url, () => 300, { batch: 100, log: (l) => lines.push(l) });
  try {
    await until('the log shipped over TLS', () => (shipper.status().state === 'live' ? true : undefined), 20_000, 50);
    const ssl = await plant.query<{ ssl: boolean; version: string }>(
      "SELECT s.ssl, s.version FROM pg_stat_ssl s JOIN pg_stat_activity a ON a.pid = s.pid WHERE a.application_name = 'mes station ST-TLS'",
    );
    assert.equal(ssl.rows[0]?.ssl, true, 'the shipping session is encrypted');
    assert.match(ssl.rows[0]?.version ?? '', /^TLSv1\.[23]$/);
  } finally {
    await shipper.dispose();
  }
  assert.deepEqual(await plantLogDigest(plant, 'ST-TLS'), stationLogDigest(db));
  assert.equal(JSON.stringify([lines, shipper.status()]).includes(password), false);
  db.close();
});

test('verify-full against a server the CA does not vouch for: nothing is shipped, the station says why', async () => {
  const db = openDatabase(join(dir.path, 'st2.sqlite'));
  writeChainedBacklog(db, 'ST-TLS2', 10);
  const url = `postgres://postgres@127.0.0.1:${postgres.port}/plant?sslmode=verify-full&sslrootcert=${encodeURIComponent(otherCaFile)}`;
  const shipper = new Replicator(db, 'ST-TLS2', url, () => 10, { maxBackoffMs: 200 });
  try {
    const offline = await until('the station to refuse the server', () => (shipper.status().state === 'offline' ? shipper.status() : undefined), 20_000, 50);
    assert.match(offline.message, /certificate|self.signed/i);
  } finally {
    await shipper.dispose();
  }
  assert.equal((await plantLogDigest(plant, 'ST-TLS2')).count, 0);
  db.close();
});
