import type { Result } from '../shared/result';
import type { InputOf, OperationName, OutputOf } from './contract';
import type { ClientMessage, StreamMessage } from './stream';

/**
 * One typed client of the contract, whatever carries it (HTTP+WebSocket in a browser, IPC in the desktop app).
 * Calls never throw: failures come back as { ok: false, error }.
 */
export interface StationClient {
  call<K extends OperationName>(operation: K, input: InputOf<K>): Promise<Result<OutputOf<K>>>;
  /** Live changes; returns the function that ends the subscription. */
  subscribe(listener: (message: StreamMessage) => void): () => void;
  /** The bearer token the calls carry (set after login). */
  setToken(token: string | null): void;
}

/** Fill {name} placeholders of a contract path from the input; returns the path and the remaining fields. */
export function bindPath(path: string, input: Record<string, unknown>): { path: string; rest: Record<string, unknown> } {
  const rest: Record<string, unknown> = { ...input };
  const bound = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = rest[name];
    delete rest[name];
    return encodeURIComponent(String(value ?? ''));
  });
  return { path: bound, rest };
}

/** What the desktop preload exposes as window.mes (contextBridge): the contract over IPC, nothing else. */
export interface MesBridge {
  call(operation: string, input: unknown, token: string | null): Promise<Result<unknown>>;
  /** Live changes (and this window's watched tag values); returns the function that ends the subscription. */
  subscribe(listener: (message: StreamMessage) => void): () => void;
  /** A message to the station on the live channel (watch tags); refusals come back on the stream. */
  send(message: ClientMessage, token: string | null): void;
}
