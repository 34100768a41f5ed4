import {
  ClientMessage,
  ErrorCode,
  can,
  fail,
  topicsOf,
  type PushedEvent,
  type RecordedEvent,
  type Result,
  type StreamEvent,
  type StreamMessage,
  type TagRef,
  type TagValueView,
  type Topic,
  type UserView,
} from '../../core';

type Listener = (message: StreamMessage) => void;

/** The messages that say how something stands now (not what changed): a client that joins hears the latest of each. */
type StateMessage = Extract<StreamMessage, { kind: 'plc' | 'record' | 'replication' }>;
const isState = (m: StreamMessage): m is StateMessage => m.kind === 'plc' || m.kind === 'record' || m.kind === 'replication';

/** The stream's own handle on a client's session. */
interface LiveSession {
  end(): void;
  /** The session the client joined under; null until it joins. */
  token(): string | null;
  sessionEnded(reason: string): void;
}

/** Where a client's watched tag values go: pushed, unless the client is backed up, when they wait (newest kept). */
export interface TagSink {
  push(values: TagValueView[]): void;
  busy(): boolean;
}

/** What the station offers for watching tags (main/station/tag-watch.ts); the stream owns it once served. */
export interface TagWatchPort {
  /** Pushes the tags' current values, then their changes, until the returned function is called. */
  watch(tags: readonly TagRef[], sink: TagSink): () => void;
  dispose(): Promise<void>;
}

/** Who is calling: a client must be signed in, with a password of its own (not a one-time one), to use the stream. */
export interface StreamAuth {
  authenticate(token: string | null | undefined): Result<UserView & { readonly mustChangePassword?: boolean }>;
}

/** The user behind a token who may use the live stream, or why not: one rule for the WebSocket and the desktop's IPC. */
export function streamUser(auth: StreamAuth, token: string | null | undefined): Result<UserView> {
  const r = auth.authenticate(token);
  if (r.ok && r.value.mustChangePassword) return fail(ErrorCode.passwordChangeRequired, 'Change your one-time password first; then the live stream opens.');
  return r;
}

/** One client on the live channel (a WebSocket, or a desktop window over IPC), as the stream sees it. */
export interface StreamPeer {
  send(message: StreamMessage): void;
  /** Whether the client's transport is backed up (a WebSocket's unsent bytes); tag values then wait. */
  busy?(): boolean;
}

/** A client's side of the channel: what it asks the station for. dispose() ends its watch (the client went). */
export interface StreamSession {
  /** A message from the client, not yet trusted: validated here; `token` is its session (checked on every watch). */
  receive(raw: unknown, token: string | null): void;
  dispose(): void;
}

/**
 * The events that travel whole (the contract's PushedEvent), typed by their type; null for every other event.
 * live-stream.unit.test.ts checks every pushed type of the contract is carried.
 */
function whole(e: RecordedEvent): PushedEvent | null {
  const head = { seq: e.seq, stream: e.stream, version: e.streamVersion, at: e.at };
  switch (e.type) {
    case 'WorkCenterStateChanged':
      return { ...head, type: e.type, data: e.data };
    case 'OrderQueued':
      return { ...head, type: e.type, data: e.data };
    case 'OrderMoved':
      return { ...head, type: e.type, data: e.data };
    case 'OrderDequeued':
      return { ...head, type: e.type, data: e.data };
    default:
      return null;
  }
}

const streamEvent = (e: RecordedEvent): StreamEvent => whole(e) ?? { seq: e.seq, type: e.type, stream: e.stream, version: e.streamVersion };

/**
 * Fans committed changes out to every live client (WebSocket or IPC). Messages are small: what changed, not the data,
 * except for the few events a screen applies at once (machine states, dispatch-list changes). A commit of more than
 * 50 events sends its last 50: a client that sees a gap in the sequence numbers reads again.
 */
export class LiveStream {
  private readonly listeners = new Set<Listener>();
  /** The latest state message of each kind, told again to each client as it joins (it may have missed the change). */
  private readonly current = new Map<StateMessage['kind'], StateMessage>();
  private readonly sessions = new Set<LiveSession>();
  private tags: { port: TagWatchPort; auth: StreamAuth } | null = null;

  /** Serve tag watches from now on; the returned function ends every watch and disposes the port (station stop). */
  serveTags(port: TagWatchPort, auth: StreamAuth): () => Promise<void> {
    this.tags = { port, auth };
    return async () => {
      if (this.tags?.port === port) this.tags = null;
      for (const s of [...this.sessions]) s.end();
      await port.dispose();
    };
  }

  /**
   * A client came onto the channel: its messages go to the session; dispose it when the client goes. A client that
   * has not joined (a desktop window) hears the station's changes only once it sends `join` with a valid session, and
   * stops hearing them when that session ends (endSession). A WebSocket joins at its upgrade, under the session
   * checked there (`joinedAs`).
   */
  open(peer: StreamPeer, joinedAs?: string): StreamSession {
    let unwatch: (() => void) | null = null;
    let hearing: { token: string | null; off: () => void } | null = joinedAs === undefined ? null : { token: joinedAs, off: this.hear(peer) };
    const end = () => {
      unwatch?.();
      unwatch = null;
    };
    const deaf = () => {
      hearing?.off();
      hearing = null;
    };
    const refuse = (code: string, message: string) => peer.send({ kind: 'refused', error: { code, message } });
    const handle: LiveSession = {
      end,
      token: () => hearing?.token ?? null,
      sessionEnded: (reason) => {
        end();
        deaf();
        refuse(ErrorCode.unauthenticated, `Your session ended (${reason}). Sign in again.`);
      },
    };
    this.sessions.add(handle);
    return {
      receive: (raw, token) => {
        const parsed = ClientMessage.safeParse(raw);
        if (!parsed.success) {
          const first = parsed.error.issues[0];
          const where = first ? `${first.path.join('.') || 'message'}: ${first.message}` : 'message';
          return refuse(ErrorCode.validation, `The station cannot use this message (${where}). Send {kind: 'join'} or {kind: 'watch', tags: [{connection, address}, …]}.`);
        }
        const message = parsed.data;
        // Stopping needs no session: a screen that signed out must still be able to stop what it watched.
        if (message.kind === 'watch' && message.tags.length === 0) return end();
        const served = this.tags;
        if (!served || !this.sessions.has(handle)) return refuse(ErrorCode.notFound, 'This station does not serve its live stream now (it is stopping).');
        const auth = streamUser(served.auth, token);
        if (!auth.ok) return peer.send({ kind: 'refused', error: auth.error });
        if (!can(auth.value.role, 'view')) {
          return refuse(ErrorCode.forbidden, `${auth.value.displayName} may not ${message.kind === 'join' ? "follow the station's changes" : 'read tag values'}.`);
        }
        if (message.kind === 'join') {
          if (hearing?.token === token) return;
          deaf();
          hearing = { token, off: this.hear(peer) };
          return;
        }
        end();
        unwatch = served.port.watch(message.tags, {
          push: (values) => peer.send({ kind: 'tags', values }),
          busy: () => peer.busy?.() ?? false,
        });
      },
      dispose: () => {
        end();
        deaf();
        this.sessions.delete(handle);
      },
    };
  }

  /** A session ended: every client that joined under it stops hearing changes and its watch, and is told why. */
  endSession(token: string, reason: string): void {
    for (const s of [...this.sessions]) if (s.token() === token) s.sessionEnded(reason);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A client starts hearing the station's changes: first how each thing stands now, then every change. */
  private hear(peer: StreamPeer): () => void {
    const off = this.subscribe((m) => peer.send(m));
    for (const m of this.current.values()) peer.send(m);
    return off;
  }

  get size(): number {
    return this.listeners.size;
  }

  publish(message: StreamMessage): void {
    if (isState(message)) this.current.set(message.kind, message);
    for (const l of this.listeners) {
      try {
        l(message);
      } catch {
        // One broken client must not stop the others.
      }
    }
  }

  publishEvents(events: readonly RecordedEvent[]): void {
    const last = events[events.length - 1];
    if (!last) return;
    const topics = new Set<Topic>(['audit']);
    for (const e of events) for (const t of topicsOf(e.type)) topics.add(t);
    this.publish({ kind: 'changed', seq: last.seq, topics: [...topics], events: events.slice(-50).map(streamEvent) });
  }
}
