import { type ConnectionConfig, type Disposable, type Driver, type DriverHealth, type StationConfig, type TagRef, tagKey } from '../../core';
import type { Log } from './log';
import type { TagCache } from './tag-cache';

export type DriverFactory = (connection: ConnectionConfig) => Driver;

interface Live {
  readonly config: ConnectionConfig;
  readonly driver: Driver;
  subscription: Disposable | null;
  subscribed: string;
  readonly off: Disposable;
  health: DriverHealth;
  /** Attempts that failed in a row, and the next one's timer. */
  readonly failures: number;
  retry?: NodeJS.Timeout;
}

/** How long the station waits before it tries again a connection that failed for good (10 s, doubling, at most 5 min). */
export interface RetryPolicy {
  readonly firstMs: number;
  readonly maxMs: number;
}
const RETRY: RetryPolicy = { firstMs: 10_000, maxMs: 5 * 60_000 };

const sameConfig = (a: ConnectionConfig, b: ConnectionConfig) => JSON.stringify(a) === JSON.stringify(b);

/**
 * One driver per configured connection, kept in step with the configuration: a changed connection is replaced,
 * a removed one disposed, without restarting the station. Every tag the station needs (mapping, alarms,
 * historian) is subscribed on its connection and lands in the tag cache.
 */
export class ConnectionManager {
  private readonly live = new Map<string, Live>();
  private readonly healthListeners = new Set<(id: string, health: DriverHealth) => void>();
  private wanted = new Map<string, TagRef[]>();
  /** The enabled connections as last applied: a connection started again must still be one of them, as it was. */
  private configured = new Map<string, ConnectionConfig>();
  private disposed = false;

  constructor(
    private readonly create: DriverFactory,
    private readonly cache: TagCache,
    private readonly log: Log,
    private readonly now: () => Date,
    private readonly retry: RetryPolicy = RETRY,
  ) {}

  driver(id: string): Driver | undefined {
    return this.live.get(id)?.driver;
  }

  health(id: string): DriverHealth | undefined {
    return this.live.get(id)?.health;
  }

  onHealth(listener: (id: string, health: DriverHealth) => void): () => void {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  /** Bring drivers and subscriptions in line with the configuration. Connecting happens in the background. */
  async apply(config: StationConfig): Promise<void> {
    this.wanted = tagsOf(config);
    const next = new Map(config.connections.filter((c) => c.enabled).map((c) => [c.id, c]));
    this.configured = next;
    for (const [id, l] of [...this.live]) {
      const c = next.get(id);
      if (!c || !sameConfig(c, l.config)) await this.close(id);
    }
    for (const [id, c] of next) if (!this.live.has(id)) this.open(c);
    for (const id of this.live.keys()) await this.resubscribe(id);
  }

  /** Start again every connection that is not connected (after a certificate was trusted, say). */
  async retryFailed(): Promise<void> {
    for (const [id, l] of [...this.live]) {
      if (l.driver.health().connected) continue;
      await this.reopen(id, l, 0);
    }
    for (const id of this.live.keys()) await this.resubscribe(id);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const id of [...this.live.keys()]) await this.close(id);
  }

  /**
   * A failed connect() is one the driver will not retry by itself (a certificate not trusted, a login refused, or
   * something unforeseen). A line must not stay dark because of it: the station tries again, less and less often,
   * until it connects, the configuration changes, or an engineer retries it (after trusting a certificate, say).
   */
  private open(config: ConnectionConfig, failures = 0): void {
    let driver: Driver;
    try {
      driver = this.create(config);
    } catch (error) {
      const health = { connected: false, endpoint: '', message: (error as Error).message, since: this.now().toISOString() };
      for (const listener of this.healthListeners) listener(config.id, health);
      this.log.warn(`connection ${config.id}: ${(error as Error).message}`);
      return;
    }
    const l: Live = {
      config,
      driver,
      subscription: null,
      subscribed: '',
      health: driver.health(),
      failures,
      off: driver.onHealth((h) => {
        l.health = h;
        if (!h.connected) this.cache.markConnectionBad(config.id);
        for (const listener of this.healthListeners) listener(config.id, h);
      }),
    };
    this.live.set(config.id, l);
    void driver
      .connect()
      .then(() => this.resubscribe(config.id))
      .catch((error: unknown) => {
        // Closed meanwhile (replaced, retried, stopping): its failure to connect is no news, and must not overwrite its successor's health.
        if (this.live.get(config.id) !== l) return;
        const waitMs = Math.min(this.retry.maxMs, this.retry.firstMs * 2 ** l.failures);
        const message = `${(error as Error).message} (trying again in ${Math.round(waitMs / 1000)} s)`;
        l.health = { connected: false, endpoint: l.health.endpoint, message, since: this.now().toISOString() };
        for (const listener of this.healthListeners) listener(config.id, l.health);
        this.log.warn(`connection ${config.id}: ${message}`);
        l.retry = setTimeout(() => void this.tryAgain(config.id, l), waitMs);
      });
  }

  private async tryAgain(id: string, l: Live): Promise<void> {
    if (this.live.get(id) !== l) return;
    await this.reopen(id, l, l.failures + 1);
  }

  /** Close a connection and start it again, unless, while it closed, it was removed or changed or the station began to stop. */
  private async reopen(id: string, l: Live, failures: number): Promise<void> {
    await this.close(id);
    const c = this.configured.get(id);
    if (this.disposed || this.live.has(id) || !c || !sameConfig(c, l.config)) return;
    this.open(c, failures);
  }

  private async close(id: string): Promise<void> {
    const l = this.live.get(id);
    if (!l) return;
    this.live.delete(id);
    clearTimeout(l.retry);
    await l.subscription?.dispose().catch(() => undefined);
    await l.off.dispose();
    await l.driver.dispose().catch((e: unknown) => this.log.warn(`closing ${id}: ${(e as Error).message}`));
    this.cache.markConnectionBad(id);
    this.cache.forget(id);
  }

  private async resubscribe(id: string): Promise<void> {
    const l = this.live.get(id);
    if (!l || !l.driver.health().connected) return;
    const refs = this.wanted.get(id) ?? [];
    const signature = refs.map(tagKey).sort().join('\n');
    if (signature === l.subscribed) return;
    l.subscribed = signature;
    await l.subscription?.dispose().catch(() => undefined);
    l.subscription = null;
    if (refs.length === 0) return;
    const timing = 'samplingIntervalMs' in l.config ? { samplingIntervalMs: l.config.samplingIntervalMs, publishingIntervalMs: l.config.publishingIntervalMs } : {};
    try {
      l.subscription = await l.driver.subscribe(
        refs.map((r) => r.address),
        (address, value) => this.cache.set({ connection: id, address }, value),
        timing,
      );
    } catch (error) {
      l.subscribed = '';
      this.log.warn(`subscribing on ${id}: ${(error as Error).message}`);
    }
  }
}

/** Every tag the configuration needs, per connection. */
export function tagsOf(config: StationConfig): Map<string, TagRef[]> {
  const out = new Map<string, Map<string, TagRef>>();
  const add = (ref: TagRef | null | undefined) => {
    if (!ref) return;
    let m = out.get(ref.connection);
    if (!m) out.set(ref.connection, (m = new Map()));
    m.set(ref.address, { connection: ref.connection, address: ref.address });
  };
  add(config.mapping.nextSerial);
  for (const wc of config.mapping.workCenters) for (const ref of Object.values(wc.signals)) add(ref);
  for (const a of config.alarms) add(a.tag);
  for (const h of config.historian.tags) add(h);
  return new Map([...out].map(([k, v]) => [k, [...v.values()]]));
}
