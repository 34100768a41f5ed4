import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fold, orderDecider, type OrderEvent } from '../../core';
import { projectRoot, tempDir } from '../../tests/support/station-fixtures';
import { openDatabase } from '.';

/** Runs the writer until it has acknowledged some commands, then kills it with SIGKILL mid-stream. */
function writeUntilKilled(file: string, killAfterMs: number): Promise<{ received: string[]; released: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'tests/fixtures/crash-writer.ts'), file], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const received: string[] = [];
    const released: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [, kind, number] = line.split(' ');
      if (kind === 'received' && number) received.push(number);
      if (kind === 'released' && number) released.push(number);
      if (line === 'started') setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.once('error', reject);
    child.once('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer ended by itself (${signal ?? _code}) before it was killed`));
      else resolve({ received, released });
    });
  });
}

test('kill -9 at any moment: every acknowledged command is there, nothing is half-applied', { timeout: 120_000 }, async () => {
  const dir = tempDir();
  const file = join(dir.path, 'station.sqlite');
  const allReceived: string[] = [];
  const allReleased: string[] = [];
  try {
    for (const killAfter of [900, 1400, 2100]) {
      const { received, released } = await writeUntilKilled(file, killAfter);
      assert.ok(received.length > 0, 'the writer acknowledged some commands before it was killed');
      allReceived.push(...received);
      allReleased.push(...released);

      const db = openDatabase(file);
      try {
        assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
        const status = new Map(
          (db.prepare('SELECT number, status FROM orders').all() as { number: string; status: string }[]).map((r) => [r.number, r.status]),
        );
        for (const n of allReceived) assert.ok(status.has(n), `acknowledged order ${n} is in the read model`);
        for (const n of allReleased) assert.equal(status.get(n), 'released', `acknowledged release of ${n} is there`);
        // The read model says exactly what the log says: no projection without its event, no event without its projection.
        const rows = db.prepare("SELECT stream, type, data FROM events WHERE stream LIKE 'order:%' ORDER BY seq").all() as {
          stream: string; type: string; data: string;
        }[];
        const byStream = new Map<string, OrderEvent[]>();
        for (const r of rows) byStream.set(r.stream, [...(byStream.get(r.stream) ?? []), { type: r.type, data: JSON.parse(r.data) } as OrderEvent]);
        assert.equal(byStream.size, status.size, 'one order row per order stream');
        for (const [stream, events] of byStream) {
          const state = fold(orderDecider, events);
          assert.ok(state.exists);
          assert.equal(status.get(stream.slice('order:'.length)), state.status, `${stream} projection matches its events`);
        }
      } finally {
        db.close();
      }
    }
    assert.ok(allReceived.length >= 100, `enough traffic to mean something (${allReceived.length} acknowledged orders)`);
  } finally {
    dir.dispose();
  }
});
