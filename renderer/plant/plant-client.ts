import type { z } from 'zod';
import { API_PREFIX, fail, plantContract, type AppError, type PlantContract, type PlantOperationName, type Result } from '../../core';
import { toAppError } from '../client/decode';
import { fetchOperation } from '../client/fetch-operation';
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
    const answer = await fetchOperation(spec, input, { baseUrl: '', token: this.token, timeoutMs: 15_000 });
    if (answer.kind === 'network') return fail('network', NETWORK_ERROR_MESSAGE.replace('The station', 'The plant server'));
    const { response, payload } = answer;
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
