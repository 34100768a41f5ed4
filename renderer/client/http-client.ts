import {
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
import { fetchOperation } from './fetch-operation';
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
    const answer = await fetchOperation(contract[operation], input, { baseUrl, token, timeoutMs });
    if (answer.kind === 'network') return fail('network', NETWORK_ERROR_MESSAGE);
    const { response, payload } = answer;

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
