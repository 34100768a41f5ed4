import { tagKey, type Disposable, type Driver, type DriverHealth, type StationConfig, type TagRef, type TagValue } from '../../core';
import { tagsOf } from './connections';
import type { Log } from './log';
import type { TagCache } from './tag-cache';

/** The running connections, as the feed needs them (the ConnectionManager). */
export interface DriverSource {
  driver(id: string): Driver | undefined;
  onHealth(listener: (id: string, health: DriverHealth) => void): () => void;
}

/** The configuration, to leave the tags it subscribes to the ConnectionManager (the ConfigStore). */
export interface ConfigSource {
  get(): StationConfig;
  onChange(listener: () => void): () => void;
}

interface Fed {
  readonly driver: Driver;
  readonly addresses: readonly string[];
  readonly signature: string;
  readonly subscription: Disposable;
}

const sameDriverAndTags = (f: Fed | undefined, driver: Driver | undefined, signature: string) => f !== undefined && f.driver === driver && f.signature === signature;

/**
 * Watched tags the configuration does not subscribe (one picked in the tag browser): subscribed on their device for
 * as long as someone watches them, their values landing in the tag cache like any other. Tags the configuration
 * needs are the ConnectionManager's, so no value reaches the cache twice. A tag whose connection does not run reads
 * bad; one nobody watches any more keeps its last value, marked bad (nothing keeps it current).
 */
export class WatchedTagFeed {
  private readonly demanded = new Map<string, { readonly ref: TagRef; count: number }>();
  private readonly fed = new Map<string, Fed>();
  private readonly offs: (() => void)[];
  private work: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly drivers: DriverSource,
    private readonly cache: Pick<TagCache, 'get' | 'set'>,
    private readonly config: ConfigSource,
    private readonly log: Log,
  ) {
    // A connection that (re)connects may be a new driver; a new configuration may now subscribe a watched tag itself.
    this.offs = [drivers.onHealth((_id, h) => void (h.connected && this.sync())), config.onChange(() => this.sync())];
  }

  demand(refs: readonly TagRef[]): () => void {
    for (const ref of refs) {
      const d = this.demanded.get(tagKey(ref));
      if (d) d.count += 1;
      else this.demanded.set(tagKey(ref), { ref, count: 1 });
    }
    this.sync();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const ref of refs) {
        const d = this.demanded.get(tagKey(ref));
        if (d && --d.count === 0) this.demanded.delete(tagKey(ref));
      }
      this.sync();
    };
  }

  /** Resolves once every device subscription the feed made is ended. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const off of this.offs.splice(0)) off();
    this.sync();
    await this.work;
  }

  /** Subscriptions follow demand one change at a time (subscribing is asynchronous). */
  private sync(): void {
    this.work = this.work.then(() => this.apply()).catch((error: unknown) => this.log.warn(`watched tags: ${(error as Error).message}`));
  }

  private async apply(): Promise<void> {
    const configured = new Set([...tagsOf(this.config.get()).values()].flat().map(tagKey));
    const wanted = new Map<string, string[]>();
    if (!this.disposed) {
      for (const { ref } of this.demanded.values()) {
        if (!configured.has(tagKey(ref))) wanted.set(ref.connection, [...(wanted.get(ref.connection) ?? []), ref.address]);
      }
    }
    for (const id of new Set([...wanted.keys(), ...this.fed.keys()])) await this.applyTo(id, wanted.get(id) ?? []);
  }

  private async applyTo(id: string, addresses: readonly string[]): Promise<void> {
    const driver = this.drivers.driver(id);
    const signature = [...addresses].sort().join('\n');
    const current = this.fed.get(id);
    if (sameDriverAndTags(current, driver, signature)) return;
    if (current) {
      this.fed.delete(id);
      await current.subscription.dispose().catch(() => undefined);
      for (const address of current.addresses) if (!addresses.includes(address)) this.markBad({ connection: id, address });
    }
    if (addresses.length === 0) return;
    // Not running or not connected yet: bad until it connects (onHealth brings us back).
    if (!driver?.health().connected) return addresses.forEach((address) => this.markBad({ connection: id, address }));
    try {
      const subscription = await driver.subscribe(addresses, (address: string, value: TagValue) => this.cache.set({ connection: id, address }, value));
      this.fed.set(id, { driver, addresses, signature, subscription });
    } catch (error) {
      this.log.warn(`watching tags on ${id}: ${(error as Error).message}`);
      for (const address of addresses) this.markBad({ connection: id, address });
    }
  }

  private markBad(ref: TagRef): void {
    const v = this.cache.get(ref);
    if (v?.quality !== 'bad') this.cache.set(ref, { value: v?.value ?? null, quality: 'bad', sourceTime: v?.sourceTime ?? null });
  }
}
