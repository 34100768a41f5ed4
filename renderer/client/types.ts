import type { AppError, StationClient, TagRef, TagValueView } from '../../core';

/** Whether the live link to the station is up. HTTP: the WebSocket; IPC: always up while the app runs. */
export type ConnectionState = 'idle' | 'connecting' | 'online' | 'offline';

export interface ConnectionStatus {
  readonly state: ConnectionState;
  /** When offline: when the next attempt is due (epoch ms). */
  readonly retryAt: number | null;
}

/** The contract client plus what the HMI shell needs to know about the transport under it. */
export interface HmiClient extends StationClient {
  readonly transport: 'http' | 'ipc';
  connection(): ConnectionStatus;
  onConnection(listener: (status: ConnectionStatus) => void): () => void;
  /** Called when the station says the session is over (HTTP 401 / code 'unauthenticated'), except on login. */
  onSessionEnded(listener: () => void): () => void;
  /**
   * The tags' live values, pushed by the station: their current values at once, then changes (at most ~10 messages a
   * second), again after a reconnect. `onRefused` hears why the station would not (not signed in, too many tags).
   * Returns the function that stops watching.
   */
  watchTags(tags: readonly TagRef[], onValues: (values: TagValueView[]) => void, onRefused?: (error: AppError) => void): () => void;
  dispose(): void;
}

export const NETWORK_ERROR_MESSAGE =
  'The station does not answer. Check that it is running and that this computer is on the plant network; this screen keeps trying.';
