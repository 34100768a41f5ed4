import {
  AttributeIds,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAClient,
  SecurityPolicy,
  Variant,
  type ClientSession,
  type ClientSubscription,
} from 'node-opcua';
import type { AppError, Disposable, Driver, DriverHealth, SubscribeOptions, TagValue } from '../../core';
import { resolveAddress, type ResolvedAddress } from './address';
import { HealthState } from './health';
import { TagWatch, type TagListener } from './tag-watch';
import { BAD_VALUE, coerceForWrite, sameAsWritten, toTagValue } from './values';

export interface OpcUaDriverOptions {
  /** "opc.tcp://host:port[/path]". */
  readonly endpoint: string;
  /** Folder of the client's PKI (own certificate, trusted servers). Never the user's home folder. */
  readonly pkiFolder: string;
  readonly applicationName?: string;
  /** First and longest wait between reconnection attempts (default 500 ms and 5 s). */
  readonly reconnectInitialDelayMs?: number;
  readonly reconnectMaxDelayMs?: number;
  /** How often an idle session is checked with the server (default 5 s). */
  readonly keepAliveIntervalMs?: number;
  readonly sessionTimeoutMs?: number;
  /** Defaults when subscribe() is not told (default 100 ms sampling, 250 ms publishing). */
  readonly samplingIntervalMs?: number;
  readonly publishingIntervalMs?: number;
  readonly now?: () => Date;
}

/** Errors the driver rejects with, identified by code (STYLE.md §5). */
export class OpcUaDriverError extends Error implements AppError {
  constructor(
    readonly code: 'opcua_not_connected' | 'opcua_bad_address' | 'opcua_type_mismatch' | 'opcua_write_refused' | 'opcua_readback_mismatch' | 'opcua_disposed',
    message: string,
  ) {
    super(message);
    this.name = 'OpcUaDriverError';
  }
}

const CLEANUP_TIMEOUT_MS = 2_000;

export function createOpcUaDriver(options: OpcUaDriverOptions): Driver {
  return new OpcUaDriver(options);
}

class OpcUaDriver implements Driver {
  private readonly endpoint: string;
  private readonly health_: HealthState;
  private readonly client: OPCUAClient;
  private readonly watches = new Set<TagWatch>();
  /** Unsubscribed while offline: their monitored items are removed once the server is back. */
  private readonly orphans = new Set<TagWatch>();
  private session: ClientSession | undefined;
  private subscription: Promise<ClientSubscription> | undefined;
  /** Set by the first subscribe(): one subscription serves them all. */
  private publishingIntervalMs: number | undefined;
  private namespaceArray: string[] = [];
  private connecting: Promise<void> | undefined;
  private online = false;
  private disposed = false;

  constructor(private readonly options: OpcUaDriverOptions) {
    this.endpoint = options.endpoint;
    this.health_ = new HealthState(options.endpoint, options.now ?? (() => new Date()));
    this.client = OPCUAClient.create({
      applicationName: options.applicationName ?? 'ControlRoomMES',
      clientCertificateManager: new OPCUACertificateManager({ rootFolder: options.pkiFolder, automaticallyAcceptUnknownCertificate: true }),
      securityMode: MessageSecurityMode.None,
      securityPolicy: SecurityPolicy.None,
      endpointMustExist: false,
      keepSessionAlive: true,
      keepAliveInterval: options.keepAliveIntervalMs ?? 5_000,
      requestedSessionTimeout: options.sessionTimeoutMs ?? 60_000,
      connectionStrategy: {
        initialDelay: options.reconnectInitialDelayMs ?? 500,
        maxDelay: options.reconnectMaxDelayMs ?? 5_000,
        maxRetry: -1, // keep trying: the line PLC comes back sooner or later
        randomisationFactor: 0.1,
      },
    });
    this.client.on('backoff', (attempt: number, delayMs: number) => {
      const what = this.session ? `connection to ${this.endpoint} lost` : `cannot reach ${this.endpoint}`;
      this.health_.set(false, `${what} — retrying in ${seconds(delayMs)} s (attempt ${attempt + 1})`);
    });
    this.client.on('connection_lost', () => this.goOffline(`connection to ${this.endpoint} lost — retrying`));
    this.client.on('connection_reestablished', () => void this.goOnline('reconnected'));
  }

  connect(): Promise<void> {
    if (this.disposed) return Promise.reject(new OpcUaDriverError('opcua_disposed', 'The OPC UA driver has been stopped.'));
    this.connecting ??= this.firstConnect().catch(async (err: unknown) => {
      this.connecting = undefined;
      this.session = undefined;
      if (!this.disposed) await this.client.disconnect().catch(() => undefined); // a clean slate for the next connect()
      if (this.disposed) throw new OpcUaDriverError('opcua_disposed', `Stopped before a connection to ${this.endpoint} was made.`);
      this.health_.set(false, `cannot connect to ${this.endpoint}: ${(err as Error).message}`);
      throw err;
    });
    return this.connecting;
  }

  private async firstConnect(): Promise<void> {
    this.health_.set(false, `connecting to ${this.endpoint}…`);
    await this.client.connect(this.endpoint); // retries by itself until it reaches the server
    const session = await this.client.createSession();
    session.on('keepalive_failure', () => this.goOffline(`${this.endpoint} does not answer — retrying`));
    session.on('keepalive', () => {
      if (!this.online && !this.client.isReconnecting) void this.goOnline('answering again');
    });
    this.session = session;
    this.namespaceArray = await session.readNamespaceArray();
    this.online = !this.disposed;
    this.health_.set(true, `connected to ${this.endpoint}`);
  }

  health(): DriverHealth {
    return this.health_.get();
  }

  onHealth(listener: (health: DriverHealth) => void): Disposable {
    return this.health_.listen(listener);
  }

  async subscribe(tags: readonly string[], onChange: TagListener, options: SubscribeOptions = {}): Promise<Disposable> {
    if (!this.session) throw new OpcUaDriverError('opcua_not_connected', `Cannot subscribe: not connected to ${this.endpoint} yet (call connect() first).`);
    const watch = new TagWatch([...tags], onChange, options.samplingIntervalMs ?? this.options.samplingIntervalMs ?? 100);
    this.publishingIntervalMs ??= options.publishingIntervalMs ?? this.options.publishingIntervalMs ?? 250;
    this.watches.add(watch);
    // Offline, the tags read bad until the server is back; goOnline() then creates the monitored items.
    if (this.online) await watch.attach(await this.ensureSubscription(), (tag) => this.resolve(tag));
    else watch.markStale();
    return {
      dispose: async () => {
        if (!this.watches.delete(watch)) return;
        watch.close();
        if (this.online) await withTimeout(watch.detach());
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

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const watch of this.watches) watch.close();
    const session = this.session;
    if (session && this.online) {
      const subscription = this.subscription;
      if (subscription) await withTimeout(subscription.then((s) => s.terminate()));
      await withTimeout(session.close(true));
    }
    this.watches.clear();
    await this.client.disconnect();
    this.online = false;
    this.health_.set(false, `disconnected from ${this.endpoint} (driver stopped)`);
    this.health_.clear();
  }

  private resolve(tag: string): ResolvedAddress {
    return resolveAddress(tag, this.namespaceArray);
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

  private goOffline(message: string): void {
    this.health_.set(false, message);
    if (!this.online) return;
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
    for (const orphan of this.orphans) await withTimeout(orphan.detach());
    this.orphans.clear();
    const namespaces = await session.readNamespaceArray().catch(() => this.namespaceArray);
    const moved = namespaces.join('\n') !== this.namespaceArray.join('\n');
    this.namespaceArray = namespaces;
    const subscription = this.watches.size > 0 ? await this.ensureSubscription().catch(() => undefined) : undefined;
    for (const watch of this.watches) {
      if (!subscription || (watch.attached && !moved)) continue;
      await watch.detach();
      await watch.attach(subscription, (tag) => this.resolve(tag));
    }
    for (const watch of this.watches) {
      const stale = watch.staleTags();
      if (stale.length === 0) continue;
      const values = await this.read(stale);
      stale.forEach((tag, i) => watch.refresh(tag, values[i] ?? BAD_VALUE));
    }
  }
}

const seconds = (ms: number): string => (ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000)));

/** Waits for a clean-up step, but not forever: a dead peer must not hang dispose(). */
async function withTimeout(work: Promise<unknown>, ms = CLEANUP_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([work.then(() => undefined, () => undefined), timeout]);
  clearTimeout(timer);
}

