import { API_PREFIX, bindPath, type OperationSpec } from '../../core';

/** What came back for an operation over HTTP: no answer at all (the network), or the status and the JSON body. */
export type Answer = { readonly kind: 'network' } | { readonly kind: 'answer'; readonly response: Response; readonly payload: unknown };

/**
 * One operation of a contract (the station's or the plant's) over fetch: path parameters bound from the input, the
 * rest as the query (GET) or the JSON body, the bearer token beside it.
 */
export async function fetchOperation(spec: OperationSpec, input: unknown, o: { readonly baseUrl: string; readonly token: string | null; readonly timeoutMs: number }): Promise<Answer> {
  const { path, rest } = bindPath(spec.path, (input ?? {}) as Record<string, unknown>);
  let url = `${o.baseUrl}${API_PREFIX}${path}`;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (o.token !== null) headers['Authorization'] = `Bearer ${o.token}`;
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
    response = await fetch(url, { method: spec.method, headers, body, signal: AbortSignal.timeout(o.timeoutMs), cache: 'no-store' });
  } catch {
    return { kind: 'network' };
  }
  return { kind: 'answer', response, payload: await readJson(response) };
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
