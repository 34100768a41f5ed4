import { createHttpClient } from './http-client';
import { createIpcClient } from './ipc-client';
import type { HmiClient } from './types';

export type { ConnectionState, ConnectionStatus, HmiClient } from './types';
export { NETWORK_ERROR_MESSAGE } from './types';

/**
 * One client whatever the host: inside the desktop app the preload exposes window.mes (IPC);
 * in a plain browser the page came from the station, so the API is on the same origin (HTTP + WebSocket).
 */
export function createStationClient(): HmiClient {
  const bridge = window.mes;
  return bridge ? createIpcClient(bridge) : createHttpClient();
}
