import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { projectRoot, resourcesDir, tempDir } from '../../tests/support/station-fixtures';
import { silentLog, startStation } from '.';

// Plant IT names a station when it registers it at the plant; the station takes that id at its first start and keeps it.
test('a new station takes the id it is given, keeps it, and refuses to be started as another', async () => {
  const dir = tempDir('mes-station-id-');
  const base = { dataDir: dir.path, demo: false, host: '127.0.0.1', port: 0, http: false, staticRoot: join(projectRoot, 'out', 'renderer'), resourcesDir, log: silentLog, version: 'test' };
  try {
    const first = await startStation({ ...base, stationId: 'ST-LINE-A' });
    assert.equal(first.stationId, 'ST-LINE-A');
    await first.dispose();
    await assert.rejects(startStation({ ...base, stationId: 'ST-LINE-B' }), /This data folder is station ST-LINE-A, not ST-LINE-B/);
    const again = await startStation(base);
    assert.equal(again.stationId, 'ST-LINE-A');
    await again.dispose();
    await assert.rejects(startStation({ ...base, dataDir: join(dir.path, 'other'), stationId: 'no spaces please' }), /is not a station id/);
  } finally {
    dir.dispose();
  }
});
