import { fail, type InputOf, type MesBridge, type OperationName, type OutputOf, type Result } from '../../core';
import { decodeOutput, toAppError } from './decode';
import { Emitter } from './emitter';
import { TagWatchSet } from './tag-watch';
import { NETWORK_ERROR_MESSAGE, type ConnectionStatus, type HmiClient } from './types';

declare global {
  interface Window {
    /** Exposed by the desktop app's preload (contextBridge); absent in a plain browser. */
    readonly mes?: MesBridge;
  }
}

const ONLINE: ConnectionStatus = { state: 'online', retryAt: null };

/** The contract over Electron IPC through window.mes. The main process checks every call; this only carries them. */
export function createIpcClient(bridge: MesBridge): HmiClient {
  const sessionEnded = new Emitter<void>();
  let token: string | null = null;
  // Each watch carries the token: the main process checks the window, the station checks the session.
  const watches = new TagWatchSet({ send: (message) => bridge.send(message, token), subscribe: (listener) => bridge.subscribe(listener) }, (error) => {
    if (error.code === 'unauthenticated') sessionEnded.emit();
  });

  async function call<K extends OperationName>(operation: K, input: InputOf<K>): Promise<Result<OutputOf<K>>> {
    let result: Result<unknown>;
    try {
      result = await bridge.call(operation, input ?? {}, token);
    } catch {
      return fail('network', NETWORK_ERROR_MESSAGE);
    }
    if (typeof result !== 'object' || result === null) return fail('bad_response', 'The station sent an empty reply.');
    if (!result.ok) {
      const error = toAppError(result.error, { code: 'internal_error', message: 'The station refused without saying why.' });
      if (error.code === 'unauthenticated' && operation !== 'login') sessionEnded.emit();
      return { ok: false, error };
    }
    return decodeOutput(operation, result.value);
  }

  return {
    transport: 'ipc',
    call,
    subscribe: (listener) => bridge.subscribe(listener),
    setToken(next) {
      const changed = next !== token;
      token = next;
      // A new session joins the live channel (the station sends a window nothing before) and watches under its own
      // name; no session: the station has ended it and sends nothing more, and the screens stop watching as they close.
      if (changed && next !== null) {
        bridge.send({ kind: 'join' }, next);
        watches.resend();
      }
    },
    connection: () => ONLINE,
    onConnection: () => () => undefined,
    onSessionEnded: (listener) => sessionEnded.on(listener),
    watchTags: (tags, onValues, onRefused) => watches.watch(tags, onValues, onRefused),
    dispose: () => sessionEnded.clear(),
  };
}
