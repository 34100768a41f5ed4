import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, tempDir } from './support/station-fixtures';

// The leak check that every test process loads: a file that leaves a server listening fails, and says what leaked.
test('a test file that leaves a server open fails with what it left; a clean one passes', (t) => {
  const dir = tempDir('mes-leak-');
  t.after(() => dir.dispose());
  writeFileSync(join(dir.path, 'leaky.test.mjs'), "import { test } from 'node:test';\nimport { createServer } from 'node:net';\ntest('x', () => { createServer().listen(0, '127.0.0.1'); });\n");
  writeFileSync(join(dir.path, 'clean.test.mjs'), "import { test } from 'node:test';\ntest('y', () => {});\n");
  const run = (file: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', '--import', join(projectRoot, 'tests', 'support', 'leak-check.ts'), '--test', join(dir.path, file)], {
      cwd: projectRoot,
      // Not as a child of this test run: a nested runner would report to ours instead of exiting with its status.
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_TEST_CONTEXT')), MES_LEAK_GRACE_MS: '500' },
      encoding: 'utf8',
      timeout: 60_000,
    });
  const leaky = run('leaky.test.mjs');
  assert.equal(leaky.status, 1);
  assert.match(leaky.stdout + leaky.stderr, /LEAK: .*TCPServerWrap/);
  assert.equal(run('clean.test.mjs').status, 0);
});
