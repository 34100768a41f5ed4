import { tagKey, type TagRef, type TagValue, type TagValueView } from '../../core';
import type { TagSink, TagWatchPort } from '../api';
import type { Log } from './log';
import type { TagCache } from './tag-cache';
import { WatchedTagFeed, type ConfigSource, type DriverSource } from './tag-watch-feed';

/** At most one message per client this often: a screen shows ~10 updates a second, whatever the device sends. */
export const FLUSH_MS = 100;

/** What a watch reads of the tag cache. */
export type TagSource = Pick<TagCache, 'get' | 'listen'>;

/** Who subscribes a watched tag the configuration does not (WatchedTagFeed). */
export interface TagDemand {
  demand(refs: readonly TagRef[]): () => void;
  dispose(): Promise<void>;
}

const view = (ref: TagRef, v: TagValue): TagValueView => ({
  connection: ref.connection,
  address: ref.address,
  value: v.value,
  quality: v.quality,
  sourceTime: v.sourceTime,
});

/**
 * Tag values pushed to the clients that watch them (the Connections screen's watch list). A watch hears the tags'
 * current values at once, then their changes from the tag cache, coalesced: at most one message per FLUSH_MS, with
 * the latest value of each tag. A client whose transport is backed up gets the newest values once it catches up,
 * never a growing queue: what waits is one value per tag. Ending a watch removes its cache listeners and its timer.
 */
export class TagWatches implements TagWatchPort {
  private readonly active = new Set<() => void>();

  constructor(
    private readonly cache: TagSource,
    private readonly feed: TagDemand | null,
    private readonly flushMs = FLUSH_MS,
  ) {}

  /** The station's watches: the cache's values, and a device subscription for tags the configuration does not need. */
  static of(cache: TagCache, drivers: DriverSource, config: ConfigSource, log: Log): TagWatches {
    return new TagWatches(cache, new WatchedTagFeed(drivers, cache, config, log));
  }

  /** Watches running now. */
  get size(): number {
    return this.active.size;
  }

  watch(tags: readonly TagRef[], sink: TagSink): () => void {
    const refs = [...new Map(tags.map((t) => [tagKey(t), { connection: t.connection, address: t.address }])).values()];
    const pending = new Map<string, TagValueView>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let sentAt = -Infinity;
    let first = true;
    let ended = false;
    const flush = () => {
      timer = null;
      if (ended || (pending.size === 0 && !first)) return;
      // Backed up: try again later; meanwhile newer values replace the waiting ones.
      if (sink.busy()) return void (timer = setTimeout(flush, this.flushMs));
      const values = [...pending.values()];
      pending.clear();
      first = false;
      sentAt = performance.now();
      sink.push(values);
    };
    const changed = (ref: TagRef, v: TagValue) => {
      pending.set(tagKey(ref), view(ref, v));
      if (timer === null && !ended) timer = setTimeout(flush, Math.max(0, sentAt + this.flushMs - performance.now()));
    };
    const offs = refs.map((ref) => this.cache.listen(ref, changed));
    const release = this.feed?.demand(refs);
    for (const ref of refs) {
      const v = this.cache.get(ref);
      if (v) pending.set(tagKey(ref), view(ref, v));
    }
    // The current values at once (tags without one yet follow when they come), even none: the watch is live.
    if (timer !== null) clearTimeout(timer);
    flush();
    const end = () => {
      if (ended) return;
      ended = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      for (const off of offs) off();
      release?.();
      this.active.delete(end);
    };
    this.active.add(end);
    return end;
  }

  async dispose(): Promise<void> {
    for (const end of [...this.active]) end();
    await this.feed?.dispose();
  }
}
