import { BEARER_PROTOCOL, SESSION_ENDED_CLOSE, STREAM_PROTOCOL, streamContract, type ClientMessage, type StreamMessage } from '../../core';
import { Emitter } from './emitter';
import type { ConnectionStatus } from './types';

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;

/**
 * The live stream over one WebSocket, shared by every screen. Open while signed in and someone listens;
 * reconnects with exponential backoff (with jitter, so a restarted station is not hit by every HMI at once).
 */
export class LiveStream {
  readonly messages = new Emitter<StreamMessage>();
  readonly status = new Emitter<ConnectionStatus>();
  /** The station closed the stream because the session ended (signed out elsewhere, revoked, idle, disabled). */
  readonly ended = new Emitter<void>();
  private current: ConnectionStatus = { state: 'idle', retryAt: null };
  private socket: WebSocket | null = null;
  private token: string | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(private readonly url: () => string) {}

  get connection(): ConnectionStatus {
    return this.current;
  }

  setToken(token: string | null): void {
    if (token === this.token) return;
    this.token = token;
    this.attempt = 0;
    this.close();
    this.update();
  }

  subscribe(listener: (message: StreamMessage) => void): () => void {
    const off = this.messages.on(listener);
    this.update();
    return () => {
      off();
      this.update();
    };
  }

  /** A message to the station, if the socket is open; otherwise dropped (senders resend on the next hello). */
  send(message: ClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  dispose(): void {
    this.disposed = true;
    this.close();
    this.messages.clear();
    this.status.clear();
  }

  /** Open or close the socket to match: a token and at least one listener. */
  private update(): void {
    const wanted = !this.disposed && this.token !== null && this.messages.size > 0;
    if (!wanted) {
      this.close();
      this.setStatus({ state: 'idle', retryAt: null });
    } else if (this.socket === null && this.retryTimer === null) {
      this.open();
    }
  }

  private open(): void {
    if (this.token === null) return;
    this.setStatus({ state: 'connecting', retryAt: null });
    let socket: WebSocket;
    try {
      // The token rides as a subprotocol beside the stream's own, never in the URL (URLs end up in logs).
      socket = new WebSocket(this.url(), [STREAM_PROTOCOL, `${BEARER_PROTOCOL}${this.token}`]);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      let json: unknown;
      try {
        json = JSON.parse(event.data);
      } catch {
        return;
      }
      const parsed = streamContract.message.safeParse(json);
      if (!parsed.success) return;
      // Only a greeting proves the station accepted us; resetting on 'open' alone would spin on a refusing server.
      if (parsed.data.kind === 'hello') this.attempt = 0;
      this.messages.emit(parsed.data);
    };
    socket.onopen = () => this.setStatus({ state: 'online', retryAt: null });
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (event.code === SESSION_ENDED_CLOSE) {
        this.token = null;
        this.ended.emit();
        return this.update();
      }
      this.scheduleRetry();
    };
  }

  private scheduleRetry(): void {
    if (this.disposed || this.token === null || this.messages.size === 0) return this.update();
    const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** this.attempt);
    const delay = Math.round(base * (0.8 + Math.random() * 0.4));
    this.attempt += 1;
    this.setStatus({ state: 'offline', retryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.update();
    }, delay);
  }

  private close(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.onopen = null;
      socket.close(1000, 'signed out');
    }
  }

  private setStatus(status: ConnectionStatus): void {
    if (status.state === this.current.state && status.retryAt === this.current.retryAt) return;
    this.current = status;
    this.status.emit(status);
  }
}

/** The stream's address on the origin that served this page. */
export function streamUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${streamContract.path}`;
}
