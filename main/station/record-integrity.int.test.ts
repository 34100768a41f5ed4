import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ChainReportView, RecordState } from '../../core';
import { projectRoot, tempDir } from '../../tests/support/station-fixtures';
import { mes } from '../../tests/support/mes-cli';
import { api, openStream, until, withStation } from '../../tests/support/station-harness';
import { silentLog, startStation } from '.';


test('the station walks its chain, answers /audit/verify with the head to keep, and checks checkpoints given', { timeout: 60_000 }, async () => {
  const ctx = await withStation();
  try {
    const client = api(ctx.url);
    await client.login('supervisor');
    const state = await until('the start-up walk', async () => {
      const r = await client.request('GET', '/audit/record');
      const s = r.body as unknown as RecordState;
      return s.status === 'intact' ? s : undefined;
    });
    assert.ok(state.lastVerified && state.lastVerified.events > 0);

    assert.equal((await client.request('POST', '/orders', { number: 'AU-1', product: 'VLV-100', revision: 'B', quantity: 1, dueDate: '2026-12-24' })).status, 200);
    const health = (await client.request('GET', '/health')).body as { events: number };
    const verified = (await client.request('GET', '/audit/verify')).body as unknown as ChainReportView;
    assert.equal(verified.intact, true);
    assert.equal(verified.head?.seq, health.events, 'the walk reaches the last event');
    assert.equal(verified.events, health.events);

    const checkpoint = `${verified.head!.seq}:${verified.head!.hash}`;
    const checked = (await client.request('GET', `/audit/verify?checkpoints=${checkpoint}`)).body as unknown as ChainReportView;
    assert.deepEqual(checked.checkpoints, [{ ...verified.head, matches: true }]);
    const forged = (await client.request('GET', `/audit/verify?checkpoints=${verified.head!.seq}:${'ab'.repeat(32)}`)).body as unknown as ChainReportView;
    assert.equal(forged.intact, false);
    assert.equal(forged.firstBreak?.problem, 'rewritten');

    const bad = await client.request('GET', '/audit/verify?checkpoints=12:nothex');
    assert.equal(bad.status, 400);
    assert.match(String(bad.body.message), /seq:hash/);
    assert.equal((await api(ctx.url).request('GET', '/audit/verify')).status, 401, 'not without a session');
  } finally {
    await ctx.dispose();
  }
});

test('an event edited in the file: mes verify names it and exits 1; the station started on it shows the record broken', { timeout: 90_000 }, async () => {
  const ctx = await withStation();
  const client = api(ctx.url);
  await client.login('supervisor');
  const head = ((await client.request('GET', '/audit/verify')).body as unknown as ChainReportView).head!;
  await ctx.dispose(async (dataDir) => {
    const intact = await mes('verify', '--data-dir', dataDir, '--checkpoint', `${head.seq}:${head.hash}`);
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(intact.stdout, new RegExp(`intact: ${head.seq} events verified`));
    assert.match(intact.stdout, /checkpoint \d+: matches/);

    const raw = new Database(join(dataDir, 'station.sqlite'));
    raw.exec('DROP TRIGGER events_no_update');
    raw.prepare(`UPDATE events SET actor = 'mallory' WHERE seq = 7`).run();
    raw.close();

    const broken = await mes('verify', '--data-dir', dataDir);
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /NOT INTACT: event 7: edited: event 7 no longer matches its hash/);
    assert.match(broken.stdout, /6 events before it are proven/);
    const json = JSON.parse((await mes('verify', '--data-dir', dataDir, '--json')).stdout) as ChainReportView;
    assert.deepEqual({ seq: json.firstBreak?.seq, problem: json.firstBreak?.problem }, { seq: 7, problem: 'edited' });
    const wrong = await mes('verify', '--data-dir', dataDir, '--checkpoint', '7:xyz');
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /is not a checkpoint/);

    // The station starts on the file as it is (the record is evidence, not something to refuse) and says it is broken.
    const again = await startStation({ dataDir, host: '127.0.0.1', port: 0, staticRoot: join(projectRoot, 'out', 'renderer'), resourcesDir: join(projectRoot, 'resources'), demo: true, log: silentLog, version: 'test' });
    try {
      const c = api(again.url!);
      await c.login('supervisor');
      const stream = await openStream(again.url!, c.token!);
      const state = await until('the walk to find the edit', async () => {
        const s = (await c.request('GET', '/audit/record')).body as unknown as RecordState;
        return s.status === 'broken' ? s : undefined;
      });
      assert.deepEqual({ seq: state.lastVerified?.firstBreak?.seq, problem: state.lastVerified?.firstBreak?.problem }, { seq: 7, problem: 'edited' });
      // Screens hear it pushed, without asking (the stream may have opened after the start-up walk: walk again).
      assert.equal(((await c.request('GET', '/audit/verify')).body as unknown as ChainReportView).firstBreak?.seq, 7);
      await until('the broken state pushed', () => stream.messages.find((m) => m.kind === 'record' && m.state.status === 'broken'));
      stream.close();
    } finally {
      await again.dispose();
    }
  });
});

test('mes verify says clearly when there is no station database', async () => {
  const dir = tempDir();
  try {
    const r = await mes('verify', '--data-dir', dir.path);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /there is no station database at/);
  } finally {
    dir.dispose();
  }
});
