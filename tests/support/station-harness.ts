import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { StreamMessage } from '../../core';
import { silentLog, startStation, type RunningStation, type StationOptions } from '../../main/station';
import { projectRoot, resourcesDir, tempDir } from './station-fixtures';

/** A real station on a free loopback port with its own temp data folder. */
export async function withStation(
  overrides: Partial<StationOptions> = {},
): Promise<{
  station: RunningStation;
  url: string;
  dataDir: string;
  /** Stops the station; `check` then reads its stopped data folder (e.g. the rebuild check) before it is removed. */
  dispose: (check?: (dataDir: string) => void | Promise<void>) => Promise<void>;
}> {
  const dir = tempDir('mes-station-');
  const station = await startStation({
    dataDir: dir.path,
    host: '127.0.0.1',
    port: 0,
    staticRoot: join(projectRoot, 'out', 'renderer'),
    resourcesDir,
    demo: true,
    log: silentLog,
    version: 'test',
    ...overrides,
  });
  let disposed = false;
  return {
    station,
    url: station.url ?? '',
    dataDir: dir.path,
    dispose: async (check) => {
      if (disposed) return;
      disposed = true;
      await station.dispose();
      try {
        await check?.(dir.path);
      } finally {
        dir.dispose();
      }
    },
  };
}

/** A small HTTP client of the station's API, as ERP or a script would use it. */
export function api(base: string) {
  let token: string | null = null;
  const request = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown> & { message?: string; code?: string }) : {} };
  };
  return {
    request,
    get token() {
      return token;
    },
    async login(username: string, password = username) {
      const r = await request('POST', '/session', { username, password });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
      token = String(r.body.token);
      return r;
    },
  };
}

/** Collects live stream messages until disposed. */
export async function openStream(base: string, token: string): Promise<{ messages: StreamMessage[]; close: () => void }> {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/api/v1/stream`, ['mes.v1', `bearer.${token}`]);
  const messages: StreamMessage[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d)) as StreamMessage));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { messages, close: () => ws.close() };
}

export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
