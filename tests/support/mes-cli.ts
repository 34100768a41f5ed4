import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from './station-fixtures';

const run = promisify(execFile);

/** Runs the `mes` command from the sources, as a plant's engineer would: its exit code and what it printed. */
export const mes = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  run(process.execPath, ['--import', 'tsx', join(projectRoot, 'main', 'cli', 'index.ts'), ...args], { cwd: projectRoot }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
