import type { z } from 'zod';
import { API_PREFIX, bindPath, fail, plantContract, type AppError, type PlantContract, type PlantOperationName, type Result } from '../../core';
import { toAppError } from '../client/decode';
import { NETWORK_ERROR_MESSAGE } from '../client/types';

export type PlantOutput<K extends PlantOperationName> = z.output<PlantContract[K]['output']>;
export type PlantInput<K extends PlantOperationName> = z.input<PlantContract[K]['input']>;

/** The plant API over fetch, each reply checked against the plant contract before a screen sees it. */
export class PlantClient {
  private token: string | null = null;
  private readonly ended = new Set<() => void>();

  setToken(token: string | null): void {
    this.token = token;
  }

  /** Called when the plant says the session is over (401), except at sign-in. */
  onSessionEnded(listener: () => void): () => void {
    this.ended.add(listener);
    return () => this.ended.delete(listener);
  }

  async call<K extends PlantOperationName>(operation: K, input: PlantInput<K>): Promise<Result<PlantOutput<K>>> {
    const spec = plantContract[operation];
    const { path, rest } = bindPath(spec.path, (input ?? {}) as Record<string, unknown>);
    let url = `${API_PREFIX}${path}`;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.token) headers['Authorization'] = `Bearer ${this.token}`;
    let body: string | undefined;
    if (spec.method === 'GET') {
      const query = new URLSearchParams(Object.entries(rest).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString();
      if (query) url += `?${query}`;
    } else {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(rest);
    }
    let response: Response;
    try {
      response = await fetch(url, { method: spec.method, headers, body, cache: 'no-store', signal: AbortSignal.timeout(15_000) });
    } catch {
      return fail('network', NETWORK_ERROR_MESSAGE.replace('The station', 'The plant server'));
    }
    const payload: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      if (response.status === 401 && operation !== 'plantLogin') for (const l of this.ended) l();
      return { ok: false, error: toAppError(payload, { code: `http_${response.status}`, message: `The plant server answered ${response.status}.` }) as AppError };
    }
    const parsed = spec.output.safeParse(payload);
    if (!parsed.success) return fail('bad_response', `The plant server sent a reply to "${operation}" this screen does not understand.`);
    return { ok: true, value: parsed.data as PlantOutput<K> };
  }
}

/** Whether the page was served by a plant server (its health says so); a station's or none: false. */
export async function servedByPlant(): Promise<boolean> {
  try {
    const r = await fetch(`${API_PREFIX}/health`, { cache: 'no-store', signal: AbortSignal.timeout(5_000) });
    const h = (await r.json()) as { role?: unknown };
    return h.role === 'plant';
  } catch {
    return false;
  }
}
