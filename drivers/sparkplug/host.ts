import mqtt, { type MqttClient } from 'mqtt';
import { ALL_TAGS, type BrowseNode, type Disposable, type Driver, type DriverHealth, type DriverStats, type SubscribeOptions, type TagValue } from '../../core';
import { Catalogue, NO_VALUE, type EdgeNode, type MetricEntry } from './catalogue';
import { DataType, DEFAULT_LIMITS, encodePayload } from './codec';
import { SparkplugError } from './errors';
import { HealthState, settleWithin } from '../../core';
import { Ingest } from './ingest';
import { WarningLog, type SparkplugHostOptions, type SparkplugLog } from './options';
import { RebirthRequests } from './rebirth';
import { Subscribers, type TagListener } from './subscribers';
import { isValidId, NAMESPACE, nodeTopic, stateTopic } from './topic';
import { PendingWrites, writeCommand } from './writes';

export interface SparkplugHostStats extends DriverStats {
  /** MQTT messages received. */
  readonly messages: number;
  readonly seqGaps: number;
  readonly rebirthRequests: number;
}

export interface SparkplugHost extends Driver {
  stats(): SparkplugHostStats;
}

/** A Sparkplug B host application (Sparkplug 3.0): follows edge nodes' births, data and deaths, and writes through NCMD/DCMD. */
export function createSparkplugHost(options: SparkplugHostOptions): SparkplugHost {
  return new Host(options);
}

class Host implements SparkplugHost {
  private readonly client: MqttClient;
  private readonly health_: HealthState;
  private readonly catalogue: Catalogue;
  private readonly ingest: Ingest;
  private readonly subscribers = new Subscribers();
  private readonly writes = new PendingWrites();
  private readonly rebirths: RebirthRequests;
  private readonly warnings: WarningLog;
  private readonly log: SparkplugLog;
  private readonly now: () => Date;
  private readonly stateTopic: string;
  private readonly topics: string[];
  /** The timestamp of this connection's STATE birth, will and death (Sparkplug 3.0 wants them equal). */
  private stateTimestamp: number;
  private firstConnect: { promise: Promise<void>; resolve: () => void; reject: (err: Error) => void } | undefined;
  private started = false;
  private online = false;
  private everOnline = false;
  private disposed = false;
  private reconnects = 0;
  private lastError = '';
  private loginRefused = false;

  constructor(private readonly options: SparkplugHostOptions) {
    const { hostId, brokerUrl } = options;
    const groups = options.groups ?? ['+'];
    if (!isValidId(hostId)) throw new SparkplugError('sparkplug_bad_options', `"${hostId}" cannot be a Sparkplug host id: one MQTT topic level without / + #.`);
    for (const g of groups) if (g !== '+' && !isValidId(g)) throw new SparkplugError('sparkplug_bad_options', `"${g}" cannot be a Sparkplug group id.`);
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? (() => undefined);
    this.health_ = new HealthState(brokerUrl, this.now);
    this.warnings = new WarningLog(this.log, this.nowMs);
    this.stateTopic = stateTopic(hostId);
    this.topics = [this.stateTopic, ...groups.map((g) => `${NAMESPACE}/${g}/#`)];
    this.stateTimestamp = this.nowMs();
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.catalogue = new Catalogue(options.maxTags ?? 1_000_000, (message) => this.log('warn', message));
    this.rebirths = new RebirthRequests(options.rebirthThrottleMs ?? 5_000, this.nowMs, (node, why) => this.sendRebirth(node, why));
    this.ingest = new Ingest(
      this.catalogue,
      {
        changed: (entry) => this.changed(entry),
        rebirth: (node, why) => this.rebirths.request(node, why),
        born: (node) => this.rebirths.born(node),
        died: (node) => this.writes.failNode(node, () => new SparkplugError('sparkplug_node_offline', `${node.label} died (NDEATH) before it confirmed the write.`)),
        state: (id, payload) => this.onState(id, payload),
        rejected: (message) => this.warnings.warn(message),
        log: (level, message) => (level === 'warn' ? this.warnings.warn(message) : this.log(level, message)),
      },
      limits,
      options.maxNodes ?? 10_000,
    );
    const connectMqtt = options.connectMqtt ?? ((url, opts) => mqtt.connect(url, opts));
    this.client = connectMqtt(brokerUrl, {
      clientId: options.clientId ?? `${hostId}-host`,
      ...(options.username === undefined ? {} : { username: options.username }),
      ...(options.password === undefined ? {} : { password: options.password }),
      clean: true,
      keepalive: options.keepaliveSeconds ?? 15,
      reconnectPeriod: this.reconnectPeriodMs,
      connectTimeout: 10_000,
      manualConnect: true,
      resubscribe: false, // subscriptions, STATE and rebirths are redone in order in onConnect()
      queueQoSZero: false, // a command queued while offline would arrive out of its time
      will: { topic: this.stateTopic, payload: this.stateJson(false), qos: 1, retain: true },
    });
    this.client.on('connect', () => void this.onConnect());
    this.client.on('close', () => this.onDisconnect());
    this.client.on('error', (err) => this.onError(err));
    this.client.on('reconnect', () => this.onReconnecting());
    this.client.on('message', (topic, payload) => this.ingest.handle(topic, payload));
  }

  private readonly nowMs = (): number => this.now().getTime();

  private get reconnectPeriodMs(): number {
    return this.options.reconnectPeriodMs ?? 2_000;
  }

  connect(): Promise<void> {
    if (this.disposed) return Promise.reject(new SparkplugError('sparkplug_disposed', 'The Sparkplug host has been stopped.'));
    if (this.online) return Promise.resolve();
    if (!this.firstConnect) {
      let resolve!: () => void;
      let reject!: (err: Error) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.firstConnect = { promise, resolve, reject };
    }
    if (!this.started) {
      this.started = true;
      this.health_.set(false, `connecting to ${this.options.brokerUrl}…`);
      this.client.connect();
    }
    return this.firstConnect.promise;
  }

  health(): DriverHealth {
    return this.health_.get();
  }

  onHealth(listener: (health: DriverHealth) => void): Disposable {
    return this.health_.listen(listener);
  }

  async subscribe(tags: readonly string[], onChange: TagListener, options: SubscribeOptions = {}): Promise<Disposable> {
    if (this.disposed) throw new SparkplugError('sparkplug_disposed', 'The Sparkplug host has been stopped.');
    const sub = this.subscribers.add(tags, onChange, options);
    // The current values first, like an OPC UA subscription's initial notification.
    if (sub.tags.includes(ALL_TAGS)) for (const entry of this.catalogue.entries()) if (entry.addressed) sub.tell(entry.address, entry.current);
    for (const tag of sub.tags) if (tag !== ALL_TAGS) sub.tell(tag, this.catalogue.find(tag)?.current ?? NO_VALUE);
    return { dispose: async () => this.subscribers.remove(sub) };
  }

  async read(tags: readonly string[]): Promise<TagValue[]> {
    return tags.map((tag) => this.catalogue.find(tag)?.current ?? NO_VALUE);
  }

  async browse(address: string | null): Promise<BrowseNode[]> {
    return this.catalogue.browse(address);
  }

  stats(): SparkplugHostStats {
    const { updates, rejected, lastRejection, seqGaps, messages } = this.ingest;
    return { updates, rejected, lastRejection, reconnects: this.reconnects, messages, seqGaps, rebirthRequests: this.rebirths.sent };
  }

  async write(tag: string, value: string | number | boolean): Promise<void> {
    if (this.disposed) throw new SparkplugError('sparkplug_disposed', 'The Sparkplug host has been stopped.');
    const entry = this.catalogue.find(tag);
    if (!entry) throw new SparkplugError('sparkplug_unknown_tag', `Cannot write ${tag}: no birth names this metric (browse to see which exist).`);
    if (!this.online) throw new SparkplugError('sparkplug_not_connected', `Cannot write ${tag}: not connected to ${this.options.brokerUrl}.`);
    const { scope } = entry;
    if (!scope.online) throw new SparkplugError('sparkplug_node_offline', `Cannot write ${tag}: ${scope.label} is offline (dead or not born yet).`);
    const command = writeCommand(entry, value, this.nowMs());
    if (!command.ok) throw new SparkplugError('sparkplug_type_mismatch', `Cannot write ${JSON.stringify(value)} to ${tag}: ${command.reason}.`);
    const { topic, payload, expected, type } = command;
    const timeoutMs = this.options.writeTimeoutMs ?? 5_000;
    const waiter = this.writes.expect(entry, expected, timeoutMs, () => {
      const s = (timeoutMs / 1000).toFixed(1);
      return new SparkplugError(
        'sparkplug_write_timeout',
        `${type} sent to ${scope.label} to set ${entry.name} = ${JSON.stringify(value)}, but it has not reported that value within ${s} s: the device did not take the write (read-only metric, refused value, or not answering).`,
      );
    });
    try {
      await this.client.publishAsync(topic, payload, { qos: 0 });
    } catch (err) {
      waiter.fail(new SparkplugError('sparkplug_not_connected', `Could not send ${type} for ${tag}: ${(err as Error).message}.`));
    }
    waiter.offer(entry.current); // already holding that value: nothing more will be reported
    return waiter.done;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.rebirths.dispose();
    this.writes.failAll(() => new SparkplugError('sparkplug_disposed', 'The Sparkplug host was stopped before the device confirmed the write.'));
    this.subscribers.clear();
    this.firstConnect?.reject(new SparkplugError('sparkplug_disposed', `Stopped before a connection to ${this.options.brokerUrl} was made.`));
    this.online = false;
    if (this.client.connected) await settleWithin(this.client.publishAsync(this.stateTopic, this.stateJson(false), { qos: 1, retain: true }));
    await settleWithin(this.client.endAsync());
    if (!this.client.disconnected) this.client.end(true);
    this.health_.set(false, `disconnected from ${this.options.brokerUrl} (host stopped)`);
    this.health_.clear();
  }

  private stateJson(online: boolean): string {
    return JSON.stringify({ online, timestamp: this.stateTimestamp });
  }

  /** Every (re)connection: subscribe, say STATE online, then ask every known edge node for a rebirth. */
  private async onConnect(): Promise<void> {
    if (this.disposed) return;
    try {
      const granted = await this.client.subscribeAsync(this.topics, { qos: 1 });
      const refused = granted.filter((g) => g.qos === 128).map((g) => g.topic);
      if (refused.length > 0) this.log('error', `the broker refused the subscriptions ${refused.join(', ')}`);
      await this.client.publishAsync(this.stateTopic, this.stateJson(true), { qos: 1, retain: true });
    } catch (err) {
      this.log('warn', `lost the connection while subscribing (${(err as Error).message}); the next connection tries again`);
      return;
    }
    if (this.disposed || !this.client.connected) return;
    if (this.everOnline) this.reconnects++;
    this.everOnline = true;
    this.online = true;
    this.health_.set(true, `connected to ${this.options.brokerUrl} as Sparkplug host "${this.options.hostId}"`);
    this.rebirths.resetThrottle();
    for (const node of this.catalogue.nodes()) if (node.born) this.rebirths.request(node, 'the host reconnected');
    this.firstConnect?.resolve();
    this.firstConnect = undefined;
  }

  private onDisconnect(): void {
    if (this.disposed) return;
    const wasOnline = this.online;
    this.online = false;
    const every = `retrying every ${(this.reconnectPeriodMs / 1000).toFixed(1)} s`;
    const why = this.lastError ? ` (${this.lastError})` : '';
    const url = this.options.brokerUrl;
    const what = this.loginRefused ? `${url} refused the connection${why}: check the user name and password` : wasOnline ? `connection to ${url} lost${why}` : `cannot reach ${url}${why}`;
    this.health_.set(false, `${what} — ${every}`);
    if (!wasOnline) return;
    this.log('warn', `connection to ${this.options.brokerUrl} lost: every metric is stale until the edge nodes are heard again`);
    this.ingest.connectionLost();
    this.writes.failAll(() => new SparkplugError('sparkplug_not_connected', `The connection to ${this.options.brokerUrl} was lost before the device confirmed the write.`));
  }

  private onReconnecting(): void {
    this.lastError = '';
    this.loginRefused = false;
    this.stateTimestamp = this.nowMs();
    if (this.client.options.will) this.client.options.will.payload = this.stateJson(false);
  }

  private onError(err: Error & { code?: string | number }): void {
    this.lastError = err.message;
    const refused = typeof err.code === 'number' && [4, 5, 134, 135].includes(err.code);
    this.loginRefused = refused;
    this.log(refused ? 'error' : 'warn', `MQTT: ${err.message}`);
    if (refused && this.firstConnect) {
      this.firstConnect.reject(new SparkplugError('sparkplug_connect_refused', `The broker ${this.options.brokerUrl} refused the connection: ${err.message}. Check the user name and password.`));
      this.firstConnect = undefined;
    }
  }

  /** Someone (usually our previous connection's will) says this host is offline while it is not: say otherwise. */
  private onState(hostId: string, payload: Uint8Array): void {
    if (hostId !== this.options.hostId || !this.online || this.disposed) return;
    let online: unknown;
    try {
      online = (JSON.parse(Buffer.from(payload).toString('utf8')) as { online?: unknown }).online;
    } catch {
      return;
    }
    if (online !== false) return;
    this.log('info', `${this.stateTopic} said offline while connected: publishing online again`);
    this.client.publish(this.stateTopic, this.stateJson(true), { qos: 1, retain: true });
  }

  private changed(entry: MetricEntry): void {
    if (entry.addressed) this.subscribers.notify(entry.address, entry.current);
    if (entry.waiters !== null) this.writes.offer(entry);
  }

  private sendRebirth(node: EdgeNode, reason: string): boolean {
    if (!this.online || this.disposed) return false;
    const at = this.nowMs();
    const payload = encodePayload({ timestamp: at, metrics: [{ name: 'Node Control/Rebirth', datatype: DataType.Boolean, value: true, timestamp: at }] });
    this.client.publish(nodeTopic('NCMD', node.group, node.id), payload, { qos: 0 });
    this.log('info', `asked ${node.label} for a rebirth (${reason})`);
    return true;
  }
}

