import { MAX_WATCHED_TAGS, tagKey, type AppError, type ClientMessage, type StreamMessage, type TagRef, type TagValueView, type WatchMessage } from '../../core';

/** The live channel as tag watching needs it, whatever the transport. */
export interface WatchChannel {
  /** Sends now if the channel is up; otherwise the message is dropped (the next hello brings a resend). */
  send(message: ClientMessage): void;
  subscribe(listener: (message: StreamMessage) => void): () => void;
}

interface Watcher {
  readonly tags: readonly TagRef[];
  readonly keys: ReadonlySet<string>;
  readonly onValues: (values: TagValueView[]) => void;
  readonly onRefused: ((error: AppError) => void) | undefined;
}

/**
 * Every screen's watched tags as one watch on the live channel: the station keeps one set per client, so this sends
 * the union (changes within one task as one message) and hands each screen the values of its own tags. On a new
 * connection (hello) the set is sent again: the station forgot it with the old connection.
 */
export class TagWatchSet {
  private readonly watchers = new Set<Watcher>();
  private off: (() => void) | null = null;
  private queued = false;

  constructor(
    private readonly channel: WatchChannel,
    private readonly onRefused: (error: AppError) => void,
  ) {}

  watch(tags: readonly TagRef[], onValues: (values: TagValueView[]) => void, onRefused?: (error: AppError) => void): () => void {
    const watcher: Watcher = { tags: [...tags], keys: new Set(tags.map(tagKey)), onValues, onRefused };
    this.watchers.add(watcher);
    this.off ??= this.channel.subscribe((m) => this.heard(m));
    this.queue();
    return () => {
      if (this.watchers.delete(watcher)) this.queue();
    };
  }

  /** Send the set again (a new connection or a new session), if anyone watches. */
  resend(): void {
    if (this.watchers.size > 0) this.channel.send(this.message());
  }

  private queue(): void {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      // An empty set tells the station to stop; then nothing here needs the channel any more.
      this.channel.send(this.message());
      if (this.watchers.size === 0) {
        this.off?.();
        this.off = null;
      }
    });
  }

  private message(): WatchMessage {
    const tags = new Map<string, TagRef>();
    for (const w of this.watchers) {
      for (const t of w.tags) if (tags.size < MAX_WATCHED_TAGS) tags.set(tagKey(t), { connection: t.connection, address: t.address });
    }
    return { kind: 'watch', tags: [...tags.values()] };
  }

  private heard(m: StreamMessage): void {
    if (m.kind === 'hello') this.resend();
    else if (m.kind === 'tags') {
      for (const w of this.watchers) {
        const mine = m.values.filter((v) => w.keys.has(tagKey(v)));
        if (mine.length > 0) w.onValues(mine);
      }
    } else if (m.kind === 'refused') {
      this.onRefused(m.error);
      for (const w of this.watchers) w.onRefused?.(m.error);
    }
  }
}
