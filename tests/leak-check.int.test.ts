import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
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

// …and a file that leaves a process running fails too, naming it: a child of its own, and an orphan (its parent
// gone, so no longer in the file's process tree) that it started through another process. Both are then killed.
test('a test file that leaves child processes running fails with their pids and command lines', { skip: process.platform !== 'linux' && 'reads /proc' }, async (t) => {
  const dir = tempDir('mes-leak-');
  const pids: number[] = [];
  t.after(() => {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone, as it should be
      }
    }
    dir.dispose();
  });
  writeFileSync(
    join(dir.path, 'stray.test.mjs'),
    [
      "import { test } from 'node:test';",
      "import { spawn, spawnSync } from 'node:child_process';",
      "test('z', () => {",
      "  spawn('sleep', ['3601'], { stdio: 'ignore', detached: true }).unref();",
      "  spawnSync('sh', ['-c', 'sleep 3602 >/dev/null 2>&1 &']);",
      '});',
      '',
    ].join('\n'),
  );
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--import', join(projectRoot, 'tests', 'support', 'leak-check.ts'), '--test', join(dir.path, 'stray.test.mjs')], {
    cwd: projectRoot,
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_TEST_CONTEXT')), MES_LEAK_PROCESS_GRACE_MS: '300' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const output = run.stdout + run.stderr;
  for (const m of output.matchAll(/pid (\d+): sleep 360[12]/g)) pids.push(Number(m[1]));
  assert.equal(run.status, 1, output);
  assert.match(output, /LEAK: this test file left processes running/);
  assert.match(output, /pid \d+: sleep 3601/);
  assert.match(output, /pid \d+: sleep 3602/);
  // SIGKILL is delivered, not awaited: the leak check has sent it; each process is gone within moments.
  for (const pid of pids) {
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(alive(pid), false, `pid ${pid} should have been killed`);
  }
});

function alive(pid: number): boolean {
  try {
    // A killed process may stay a zombie until its (new) parent reaps it: that is gone too.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
