import {
  API_PREFIX,
  bindPath,
  contract,
  fail,
  type InputOf,
  type OperationName,
  type OutputOf,
  type Result,
  type StreamMessage,
} from '../../core';
import { decodeOutput, toAppError } from './decode';
import { Emitter } from './emitter';
import { LiveStream, streamUrl } from './stream';
import { TagWatchSet } from './tag-watch';
import { NETWORK_ERROR_MESSAGE, type HmiClient } from './types';

export interface HttpClientOptions {
  /** Origin + prefix-less base; '' (same origin as the page) in the station-served HMI. */
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
}

/** The contract over fetch (calls) and a WebSocket (live stream), for the HMI in a plain browser. */
export function createHttpClient(options: HttpClientOptions = {}): HmiClient {
  const baseUrl = options.baseUrl ?? '';
  const timeoutMs = options.timeoutMs ?? 10_000;
  const stream = new LiveStream(streamUrl);
  const sessionEnded = new Emitter<void>();
  // The stream authenticates at connect; a watch refused as unauthenticated means the session ended since.
  const watches = new TagWatchSet(stream, (error) => {
    if (error.code === 'unauthenticated') sessionEnded.emit();
  });
  stream.ended.on(() => sessionEnded.emit());
  let token: string | null = null;

  async function call<K extends OperationName>(operation: K, input: InputOf<K>): Promise<Result<OutputOf<K>>> {
    const spec = contract[operation];
    const { path, rest } = bindPath(spec.path, (input ?? {}) as Record<string, unknown>);
    let url = `${baseUrl}${API_PREFIX}${path}`;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token !== null) headers['Authorization'] = `Bearer ${token}`;
    let body: string | undefined;
    if (spec.method === 'GET') {
      const query = toQuery(rest);
      if (query !== '') url += `?${query}`;
    } else {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(rest);
    }

    let response: Response;
    try {
      response = await fetch(url, { method: spec.method, headers, body, signal: AbortSignal.timeout(timeoutMs), cache: 'no-store' });
    } catch {
      return fail('network', NETWORK_ERROR_MESSAGE);
    }
    const payload = await readJson(response);

    if (!response.ok) {
      const fallbackCode = response.status === 401 ? 'unauthenticated' : `http_${response.status}`;
      const error = toAppError(payload, {
        code: fallbackCode,
        message: `The station answered ${response.status} ${response.statusText || ''}`.trim() + '.',
      });
      // A 401 anywhere but at the login form means the session is over (expired, revoked, station restarted).
      if (response.status === 401 && operation !== 'login') sessionEnded.emit();
      return { ok: false, error };
    }
    return decodeOutput(operation, payload);
  }

  return {
    transport: 'http',
    call,
    subscribe: (listener: (message: StreamMessage) => void) => stream.subscribe(listener),
    setToken(next) {
      token = next;
      stream.setToken(next);
    },
    connection: () => stream.connection,
    onConnection: (listener) => stream.status.on(listener),
    onSessionEnded: (listener) => sessionEnded.on(listener),
    watchTags: (tags, onValues, onRefused) => watches.watch(tags, onValues, onRefused),
    dispose() {
      stream.dispose();
      sessionEnded.clear();
    },
  };
}

function toQuery(fields: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    query.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return query.toString();
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}
