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

/** Demo users who give a second signature, by role, in the order a test asks them. */
const COSIGNERS = [
  { username: 'lead', role: 'shift_lead' },
  { username: 'supervisor', role: 'supervisor' },
  { username: 'quality', role: 'quality' },
  { username: 'admin', role: 'admin' },
];

/**
 * A small HTTP client of the station's API, as ERP or a script would use it. An action that needs an electronic
 * signature is signed as a script would: with the signed-in user's name and password, and a demo user of a permitted
 * role as the second signer (`sign: false`: the test signs by itself).
 */
export function api(base: string, o: { sign?: boolean } = {}) {
  let token: string | null = null;
  let signer: { username: string; password: string } | null = null;
  const request = async (method: string, path: string, body?: unknown) => {
    const r = await send(method, path, body);
    // The user chose a new password: it signs from now on.
    if (path === '/session/password' && r.status === 200 && signer) signer = { ...signer, password: String((body as { newPassword?: string }).newPassword) };
    if (r.status !== 428 || o.sign === false || !signer || r.body.code !== 'signature_required') return r;
    const second = (r.body.details as { second?: { roles: string[] } | null } | undefined)?.second;
    const signatures: { username: string; password: string }[] = [signer];
    if (second) {
      const co = COSIGNERS.find((c) => c.username !== signer?.username && second.roles.includes(c.role));
      if (co) signatures.push({ username: co.username, password: co.username });
    }
    return send(method, path, { ...(typeof body === 'object' && body !== null ? body : {}), signatures });
  };
  const send = async (method: string, path: string, body?: unknown) => {
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
      signer = { username, password };
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

/**
 * Polls until the probe answers. `lastSeen` says what was there instead, in the error when it times out (a flaky
 * wait on a busy machine then tells what it saw, not only that it waited).
 */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
  everyMs = 100,
  lastSeen?: () => unknown,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) {
      const seen = lastSeen ? `; last seen: ${JSON.stringify(lastSeen())}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
