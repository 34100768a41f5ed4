import { AttributeIds, coerceNodeId, ObjectIds, Variant, type ClientSession, type ClientSubscription, type OPCUAClient } from 'node-opcua';
import type { BrowseNode, Disposable, Driver, DriverHealth, DriverStats, SubscribeOptions, TagValue } from '../../core';
import { resolveAddress, type ResolvedAddress } from './address';
import { browseChildren, BrowseRefused, DEFAULT_LIMITS, numericNodes, readLimits, type SessionLimits } from './browse';
import { ClientPki } from './certificates';
import { createClient, seconds, type ConnectionOptions } from './client';
import { OpcUaDriverError } from './errors';
import { HealthState, settleWithin } from '../../core';
import { connectFailure, userIdentity } from './security';
import { StatsCounter } from './stats';
import { TagWatch, type TagListener, type WatchContext } from './tag-watch';
import { BAD_VALUE, coerceForWrite, sameAsWritten, toTagValue } from './values';

export interface OpcUaDriverOptions extends ConnectionOptions {
  /** Defaults when subscribe() is not told (default 100 ms sampling, 250 ms publishing). */
  readonly samplingIntervalMs?: number;
  readonly publishingIntervalMs?: number;
  readonly now?: () => Date;
}

export function createOpcUaDriver(options: OpcUaDriverOptions): Driver {
  return new OpcUaDriver(options);
}

class OpcUaDriver implements Driver {
  private readonly endpoint: string;
  private readonly health_: HealthState;
  private readonly counters = new StatsCounter();
  private readonly watches = new Set<TagWatch>();
  /** Unsubscribed while offline: their monitored items are removed once the server is back. */
  private readonly orphans = new Set<TagWatch>();
  private client: OPCUAClient | undefined;
  private pki: ClientPki | undefined;
  private session: ClientSession | undefined;
  private subscription: Promise<ClientSubscription> | undefined;
  /** Set by the first subscribe(): one subscription serves them all. */
  private publishingIntervalMs: number | undefined;
  private namespaceArray: string[] = [];
  private limits: SessionLimits = DEFAULT_LIMITS;
  private connecting: Promise<void> | undefined;
  private online = false;
  private disposed = false;

  constructor(private readonly options: OpcUaDriverOptions) {
    this.endpoint = options.endpoint;
    this.health_ = new HealthState(options.endpoint, options.now ?? (() => new Date()));
  }

  connect(): Promise<void> {
    if (this.disposed) return Promise.reject(new OpcUaDriverError('opcua_disposed', 'The OPC UA driver has been stopped.'));
    this.connecting ??= this.firstConnect().catch(async (err: unknown) => {
      this.connecting = undefined;
      const failure = connectFailure(err, {
        endpoint: this.endpoint,
        pkiFolder: this.options.pkiFolder,
        trustedFolder: this.pki?.trustedFolder ?? `${this.options.pkiFolder}/trusted/certs`,
        options: this.options,
        refusedCertificate: this.pki?.lastRefused,
      });
      await this.dropClient(); // a clean slate for the next connect()
      if (this.disposed) throw new OpcUaDriverError('opcua_disposed', `Stopped before a connection to ${this.endpoint} was made.`);
      this.health_.set(false, `cannot connect to ${this.endpoint}: ${failure.message}`);
      throw failure;
    });
    return this.connecting;
  }

  private async firstConnect(): Promise<void> {
    this.health_.set(false, `connecting to ${this.endpoint}…`);
    const pki = new ClientPki(this.options.pkiFolder);
    const client = createClient(this.options, pki);
    this.pki = pki;
    this.client = client;
    client.on('backoff', (attempt: number, delayMs: number) => {
      const what = this.session ? `connection to ${this.endpoint} lost` : `cannot reach ${this.endpoint}`;
      this.health_.set(false, `${what} — retrying in ${seconds(delayMs)} s (attempt ${attempt + 1})`);
    });
    client.on('connection_lost', () => this.goOffline(`connection to ${this.endpoint} lost — retrying`));
    client.on('connection_reestablished', () => {
      this.counters.reconnected();
      void this.goOnline('reconnected');
    });
    await client.connect(this.endpoint); // retries by itself until it reaches the server
    const session = await client.createSession(userIdentity(this.options));
    session.on('keepalive_failure', () => this.goOffline(`${this.endpoint} does not answer — retrying`));
    session.on('keepalive', () => {
      if (!this.online && !client.isReconnecting) void this.goOnline('answering again');
    });
    this.session = session;
    this.namespaceArray = await session.readNamespaceArray();
    this.limits = await readLimits(session);
    this.online = !this.disposed;
    this.health_.set(true, `connected to ${this.endpoint}`);
  }

  health(): DriverHealth {
    return this.health_.get();
  }

  onHealth(listener: (health: DriverHealth) => void): Disposable {
    return this.health_.listen(listener);
  }

  stats(): DriverStats {
    return this.counters.snapshot();
  }

  async subscribe(tags: readonly string[], onChange: TagListener, options: SubscribeOptions = {}): Promise<Disposable> {
    if (!this.session) throw new OpcUaDriverError('opcua_not_connected', `Cannot subscribe: not connected to ${this.endpoint} yet (call connect() first).`);
    const samplingIntervalMs = options.samplingIntervalMs ?? this.options.samplingIntervalMs ?? 100;
    const watch = new TagWatch([...tags], onChange, { samplingIntervalMs, deadband: options.deadband ?? 0 }, this.counters);
    this.publishingIntervalMs ??= options.publishingIntervalMs ?? this.options.publishingIntervalMs ?? 250;
    this.watches.add(watch);
    // Offline, the tags read bad until the server is back; goOnline() then creates the monitored items.
    if (this.online) await watch.attach(await this.ensureSubscription(), this.watchContext());
    else watch.markStale();
    return {
      dispose: async () => {
        if (!this.watches.delete(watch)) return;
        watch.close();
        if (this.online) await settleWithin(watch.detach());
        else this.orphans.add(watch);
      },
    };
  }

  async read(tags: readonly string[]): Promise<TagValue[]> {
    const session = this.session;
    if (!session || !this.online) return tags.map(() => BAD_VALUE);
    const resolved = tags.map((tag) => this.resolve(tag));
    const nodeIds = resolved.flatMap((r) => (r.ok ? [r.nodeId] : []));
    const values = nodeIds.length === 0 ? [] : await session.read(nodeIds.map((nodeId) => ({ nodeId, attributeId: AttributeIds.Value }))).catch(() => undefined);
    let next = 0;
    return resolved.map((r) => {
      if (!r.ok) return BAD_VALUE;
      const dataValue = values?.[next++];
      if (dataValue) this.counters.update();
      return dataValue ? toTagValue(dataValue) : BAD_VALUE;
    });
  }

  async write(tag: string, value: string | number | boolean): Promise<void> {
    const session = this.session;
    if (!session || !this.online) throw new OpcUaDriverError('opcua_not_connected', `Cannot write ${tag}: not connected to ${this.endpoint}.`);
    const resolved = this.resolve(tag);
    if (!resolved.ok) throw new OpcUaDriverError('opcua_bad_address', `Cannot write ${tag}: ${resolved.reason}.`);
    const { nodeId } = resolved;
    const dataType = await session.getBuiltInDataType(nodeId).catch((err: unknown) => {
      throw new OpcUaDriverError('opcua_bad_address', `Cannot write ${tag}: its data type cannot be read (${(err as Error).message}).`);
    });
    const coerced = coerceForWrite(value, dataType);
    if (!coerced.ok) throw new OpcUaDriverError('opcua_type_mismatch', `Cannot write ${JSON.stringify(value)} to ${tag}: ${coerced.reason}.`);
    const lost = (err: unknown): never => {
      throw new OpcUaDriverError('opcua_not_connected', `Lost the connection to ${this.endpoint} while writing ${tag} (${(err as Error).message}); the value may or may not have been written.`);
    };
    const status = await session.write({ nodeId, attributeId: AttributeIds.Value, value: { value: new Variant({ dataType, value: coerced.value }) } }).catch(lost);
    if (status.isNotGood()) throw new OpcUaDriverError('opcua_write_refused', `The server refused to write ${tag}: ${status.name} — ${status.description}`);
    const readBack = toTagValue(await session.read({ nodeId, attributeId: AttributeIds.Value }).catch(lost));
    if (readBack.quality !== 'good' || !sameAsWritten(value, readBack.value, dataType)) {
      throw new OpcUaDriverError('opcua_readback_mismatch', `${tag} reads ${JSON.stringify(readBack.value)} (${readBack.quality}) after writing ${JSON.stringify(value)}: the device did not take the value.`);
    }
  }

  async browse(address: string | null): Promise<BrowseNode[]> {
    const session = this.session;
    if (!session || !this.online) throw new OpcUaDriverError('opcua_not_connected', `Cannot browse: not connected to ${this.endpoint}.`);
    const resolved: ResolvedAddress = address === null ? { ok: true, nodeId: coerceNodeId(ObjectIds.ObjectsFolder) } : this.resolve(address);
    if (!resolved.ok) throw new OpcUaDriverError('opcua_bad_address', `Cannot browse ${address}: ${resolved.reason}.`);
    try {
      return await browseChildren(session, resolved.nodeId, this.namespaceArray, this.limits);
    } catch (err) {
      if (err instanceof BrowseRefused) throw new OpcUaDriverError('opcua_bad_address', `Cannot browse ${address}: the server answers ${err.message}.`);
      throw new OpcUaDriverError('opcua_not_connected', `Lost the connection to ${this.endpoint} while browsing (${(err as Error).message}).`);
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const watch of this.watches) watch.close();
    const session = this.session;
    if (session && this.online) {
      const subscription = this.subscription;
      if (subscription) await settleWithin(subscription.then((s) => s.terminate()));
      await settleWithin(session.close(true));
    }
    this.watches.clear();
    await this.dropClient();
    this.online = false;
    this.health_.set(false, `disconnected from ${this.endpoint} (driver stopped)`);
    this.health_.clear();
  }

  private async dropClient(): Promise<void> {
    const { client, pki } = this;
    this.client = undefined;
    this.pki = undefined;
    this.session = undefined;
    this.subscription = undefined;
    // Bounded: a peer that stopped answering, or a certificate store another connection holds, must not hold up the
    // configuration being applied or the station stopping.
    if (client) await settleWithin(client.disconnect(), 5_000);
    if (pki) await settleWithin(pki.dispose(), 5_000);
  }

  private resolve(tag: string): ResolvedAddress {
    return resolveAddress(tag, this.namespaceArray);
  }

  private watchContext(): WatchContext {
    return {
      resolve: (tag) => this.resolve(tag),
      numeric: (nodeIds) => (this.session ? numericNodes(this.session, nodeIds, this.limits).catch(() => nodeIds.map(() => false)) : Promise.resolve(nodeIds.map(() => false))),
      maxItemsPerCall: this.limits.maxMonitoredItemsPerCall,
    };
  }

  /** One subscription for the whole driver; its publishing interval is set by the first subscribe(). */
  private ensureSubscription(): Promise<ClientSubscription> {
    const session = this.session;
    if (!session) return Promise.reject(new OpcUaDriverError('opcua_not_connected', `Not connected to ${this.endpoint}.`));
    this.subscription ??= session
      .createSubscription2({
        requestedPublishingInterval: this.publishingIntervalMs ?? 250,
        requestedLifetimeCount: 240,
        requestedMaxKeepAliveCount: 10,
        maxNotificationsPerPublish: 0,
        publishingEnabled: true,
        priority: 1,
      })
      .catch((err: unknown) => {
        this.subscription = undefined;
        throw err;
      });
    return this.subscription;
  }

  /**
   * Every loss marks the tags bad, even when the driver did not count itself online yet: node-opcua may deliver
   * notifications of a repaired subscription before it says the connection is back, and those must not stay good.
   */
  private goOffline(message: string): void {
    this.health_.set(false, message);
    this.online = false;
    for (const watch of this.watches) watch.markStale();
  }

  /**
   * Back after an outage. node-opcua has restored the session and its subscription by now; tags whose value did
   * not change meanwhile get no notification, so they are read once. A server that came back with another
   * namespace layout gets its monitored items rebuilt.
   */
  private async goOnline(how: string): Promise<void> {
    const session = this.session;
    if (!session || this.disposed) return;
    this.online = true;
    this.health_.set(true, `connected to ${this.endpoint} (${how})`);
    for (const orphan of this.orphans) await settleWithin(orphan.detach());
    this.orphans.clear();
    const namespaces = await session.readNamespaceArray().catch(() => this.namespaceArray);
    const moved = namespaces.join('\n') !== this.namespaceArray.join('\n');
    this.namespaceArray = namespaces;
    const subscription = this.watches.size > 0 ? await this.ensureSubscription().catch(() => undefined) : undefined;
    for (const watch of this.watches) {
      if (!subscription || (watch.attached && !moved)) continue;
      await watch.detach();
      await watch.attach(subscription, this.watchContext());
    }
    for (const watch of this.watches) {
      const stale = watch.staleTags();
      if (stale.length === 0) continue;
      const values = await this.read(stale);
      stale.forEach((tag, i) => watch.refresh(tag, values[i] ?? BAD_VALUE));
    }
  }
}
