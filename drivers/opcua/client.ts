import { OPCUAClient } from 'node-opcua';
import type { ClientPki } from './certificates';
import { channelSecurity, type SecurityOptions } from './security';

export interface ConnectionOptions extends SecurityOptions {
  /** "opc.tcp://host:port[/path]". */
  readonly endpoint: string;
  /** Folder of the client's PKI (own certificate, trusted and rejected servers). Never the user's home folder. */
  readonly pkiFolder: string;
  readonly applicationName?: string;
  /** First and longest wait between reconnection attempts (default 500 ms and 5 s). */
  readonly reconnectInitialDelayMs?: number;
  readonly reconnectMaxDelayMs?: number;
  /** How often an idle session is checked with the server (default 5 s). */
  readonly keepAliveIntervalMs?: number;
  readonly sessionTimeoutMs?: number;
}

const CHUNK_BYTES = 64 * 1024;

/** One node-opcua client per connect() attempt: a failed attempt leaves nothing behind for the next one. */
export function createClient(options: ConnectionOptions, pki: ClientPki): OPCUAClient {
  return OPCUAClient.create({
    applicationName: options.applicationName ?? 'ControlRoomMES',
    clientCertificateManager: pki,
    ...channelSecurity(options),
    endpointMustExist: false,
    keepSessionAlive: true,
    keepAliveInterval: options.keepAliveIntervalMs ?? 5_000,
    requestedSessionTimeout: options.sessionTimeoutMs ?? 60_000,
    // 64 KiB chunks, as most OPC UA stacks use. node-opcua's default (640 KiB) allocates a chunk that size for every
    // request sent (each Publish among them): at a line's pace, tens of MB a second of buffers and a full garbage
    // collection of the station every second. Larger messages are sent and received in several chunks.
    transportSettings: { sendBufferSize: CHUNK_BYTES, receiveBufferSize: CHUNK_BYTES },
    connectionStrategy: {
      initialDelay: options.reconnectInitialDelayMs ?? 500,
      maxDelay: options.reconnectMaxDelayMs ?? 5_000,
      maxRetry: -1, // keep trying while the server cannot be reached: the line PLC comes back sooner or later
      randomisationFactor: 0.1,
    },
  });
}

export const seconds = (ms: number): string => (ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000)));
