import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../tests/support/station-fixtures';
import { withStation } from '../../tests/support/station-harness';

const run = promisify(execFile);
let ctx: Awaited<ReturnType<typeof withStation>>;
before(async () => {
  ctx = await withStation();
});
after(async () => ctx.dispose());

test('mes import sends each file, shows progress, and says which were refused', { timeout: 60_000 }, async () => {
  const files = [
    join(projectRoot, 'tests', 'fixtures', 'b2mml', 'v0600-valve-schedule.xml'),
    join(projectRoot, 'tests', 'fixtures', 'standards', 'b2mml', 'examples-v0401-courbon', 'PES-20121229115825-53107.xml'),
  ];
  const cli = [join(projectRoot, 'main', 'cli', 'index.ts'), 'import', '--url', ctx.url, '--user', 'supervisor', '--password', 'supervisor', ...files];
  const r = await run(process.execPath, ['--import', 'tsx', ...cli], { cwd: projectRoot }).catch((e: { stdout: string; code: number }) => e);
  const stdout = 'stdout' in r ? r.stdout : '';
  assert.match(stdout, /\[1\/2\] v0600-valve-schedule\.xml: 2 order\(s\) received/);
  assert.match(stdout, /\[2\/2\] PES-20121229115825-53107\.xml: REFUSED — .*ProductionPerformance/);
  assert.match(stdout, /Done: 2 received, 0 unchanged, 0 materials, 1 file\(s\) refused\./);
  assert.equal('code' in r ? r.code : 0, 1, 'a refused file makes the exit code 1');
});
