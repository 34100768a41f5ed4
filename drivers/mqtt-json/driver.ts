import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { AppError, BrowseNode, Disposable, Driver, DriverHealth, DriverStats, SubscribeOptions, TagValue } from '../../core';
import { HealthState, settleWithin } from '../../core';
import { encodeWrite, parsePayload, type WriteFormat } from './payload';
import { browseTopics, filterProblem, topicMatches, topicProblem } from './topics';

export interface MqttJsonDriverOptions {
  readonly brokerUrl: string;
  /** Filters followed from the start, so read() and browse() know their topics before anyone subscribes (default none). */
  readonly topics?: readonly string[];
  readonly clientId?: string;
  readonly username?: string;
  readonly password?: string;
  /** Wait between reconnection attempts (default 2 s). */
  readonly reconnectPeriodMs?: number;
  readonly keepaliveSeconds?: number;
  /** How long a write waits to see its value come back on the topic (default 5 s). */
  readonly writeTimeoutMs?: number;
  /** Publish writes retained (default false). */
  readonly retainWrites?: boolean;
  /** "bare": 42 (default); "object": {"value": 42, "timestamp": "…"}. */
  readonly writeFormat?: WriteFormat;
  /** Larger payloads are refused (default 64 KiB). */
  readonly maxPayloadBytes?: number;
  /** Topics remembered for read() and browse() (default 100,000); messages on further topics are refused. */
  readonly maxTopics?: number;
  readonly now?: () => Date;
  readonly log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Makes the MQTT client (default mqtt.connect). */
  readonly connectMqtt?: (brokerUrl: string, options: IClientOptions) => MqttClient;
}

export class MqttJsonError extends Error implements AppError {
  constructor(
    readonly code: 'mqtt_json_not_connected' | 'mqtt_json_bad_topic' | 'mqtt_json_bad_value' | 'mqtt_json_write_timeout' | 'mqtt_json_disposed',
    message: string,
  ) {
    super(message);
    this.name = 'MqttJsonError';
  }
}

type Listener = (tag: string, value: TagValue) => void;
interface Watch {
  readonly filters: readonly string[];
  readonly listener: Listener;
}
interface ReadBack {
  readonly topic: string;
  readonly expected: string | number | boolean;
  readonly done: () => void;
}

const BAD: TagValue = { value: null, quality: 'bad', sourceTime: null };

/** Plain JSON over MQTT for brokers without Sparkplug: the tag address is the topic; subscribe() takes + and # filters. */
export function createMqttJsonDriver(options: MqttJsonDriverOptions): Driver {
  return new MqttJsonDriver(options);
}

class MqttJsonDriver implements Driver {
  private readonly client: MqttClient;
  private readonly health_: HealthState;
  private readonly values = new Map<string, TagValue>();
  private readonly watches = new Set<Watch>();
  /** Broker subscriptions by filter, with how many watches and writes need each. */
  private readonly filters = new Map<string, number>();
  private readonly readBacks = new Set<ReadBack>();
  private readonly counts = { updates: 0, rejected: 0, lastRejection: null as string | null, reconnects: 0 };
  private connecting: Promise<void> | undefined;
  private firstConnect: { resolve: () => void; reject: (err: Error) => void } | undefined;
  private lastError = '';
  private logWindow = { start: 0, said: 0, left: 0 };
  private online = false;
  private everOnline = false;
  private disposed = false;
  private readonly log: NonNullable<MqttJsonDriverOptions['log']>;

  constructor(private readonly options: MqttJsonDriverOptions) {
    this.log = options.log ?? (() => undefined);
    this.health_ = new HealthState(options.brokerUrl, options.now ?? (() => new Date()));
    this.client = (options.connectMqtt ?? ((url, opts) => mqtt.connect(url, opts)))(options.brokerUrl, {
      clientId: options.clientId ?? `mes-json-${Math.random().toString(16).slice(2, 10)}`,
      ...(options.username === undefined ? {} : { username: options.username }),
      ...(options.password === undefined ? {} : { password: options.password }),
      clean: true,
      keepalive: options.keepaliveSeconds ?? 30,
      reconnectPeriod: options.reconnectPeriodMs ?? 2_000,
      manualConnect: true,
      resubscribe: false,
      queueQoSZero: false,
    });
    for (const filter of options.topics ?? []) {
      const problem = filterProblem(filter);
      if (problem) throw new MqttJsonError('mqtt_json_bad_topic', `Cannot follow "${filter}": ${problem}.`);
      this.filters.set(filter, 1); // held for the driver's lifetime
    }
    this.client.on('connect', () => void this.onConnect());
    this.client.on('close', () => this.onClose());
    this.client.on('error', (err) => {
      this.lastError = err.message;
      this.log('warn', `MQTT: ${err.message}`);
    });
    this.client.on('reconnect', () => (this.lastError = ''));
    this.client.on('message', (topic, payload) => this.onMessage(topic, payload));
  }

  connect(): Promise<void> {
    if (this.disposed) return Promise.reject(new MqttJsonError('mqtt_json_disposed', 'The MQTT JSON driver has been stopped.'));
    this.connecting ??= new Promise<void>((resolve, reject) => {
      this.health_.set(false, `connecting to ${this.options.brokerUrl}…`);
      this.firstConnect = { resolve, reject };
      this.client.connect();
    });
    return this.connecting;
  }

  health(): DriverHealth {
    return this.health_.get();
  }

  onHealth(listener: (health: DriverHealth) => void): Disposable {
    return this.health_.listen(listener);
  }

  async subscribe(tags: readonly string[], onChange: Listener, _options: SubscribeOptions = {}): Promise<Disposable> {
    for (const tag of tags) {
      const problem = filterProblem(tag);
      if (problem) throw new MqttJsonError('mqtt_json_bad_topic', `Cannot subscribe to "${tag}": ${problem}.`);
    }
    const watch: Watch = { filters: [...new Set(tags)], listener: onChange };
    this.watches.add(watch);
    await Promise.all(watch.filters.map((f) => this.need(f)));
    for (const [topic, value] of this.values) if (watch.filters.some((f) => topicMatches(f, topic))) tell(watch, topic, value);
    return {
      dispose: async () => {
        if (!this.watches.delete(watch)) return;
        await Promise.all(watch.filters.map((f) => this.release(f)));
      },
    };
  }

  /** The last value seen on each topic (bad when none was seen, or the broker is gone). */
  async read(tags: readonly string[]): Promise<TagValue[]> {
    return tags.map((tag) => this.values.get(tag) ?? BAD);
  }

  async write(tag: string, value: string | number | boolean): Promise<void> {
    if (this.disposed) throw new MqttJsonError('mqtt_json_disposed', 'The MQTT JSON driver has been stopped.');
    const problem = topicProblem(tag);
    if (problem) throw new MqttJsonError('mqtt_json_bad_topic', `Cannot write to "${tag}": ${problem}.`);
    if (typeof value === 'number' && !Number.isFinite(value)) throw new MqttJsonError('mqtt_json_bad_value', `Cannot write ${value} to ${tag}: JSON has no such number.`);
    if (!this.online) throw new MqttJsonError('mqtt_json_not_connected', `Cannot write ${tag}: not connected to ${this.options.brokerUrl}.`);
    // Subscribed to the topic, to see the value come back (unless a subscription already covers it).
    const covered = [...this.filters.keys()].some((f) => topicMatches(f, tag));
    if (!covered) await this.need(tag);
    let readBack: ReadBack | undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeoutMs = this.options.writeTimeoutMs ?? 5_000;
    try {
      await new Promise<void>((resolve, reject) => {
        readBack = { topic: tag, expected: value, done: resolve };
        this.readBacks.add(readBack);
        timer = setTimeout(
          () => reject(new MqttJsonError('mqtt_json_write_timeout', `Published ${JSON.stringify(value)} to ${tag}, but it did not come back within ${(timeoutMs / 1000).toFixed(1)} s: the broker may refuse this client writing there.`)),
          timeoutMs,
        );
        const payload = encodeWrite(value, this.options.writeFormat ?? 'bare', (this.options.now?.() ?? new Date()).getTime());
        this.client.publish(tag, payload, { qos: 1, retain: this.options.retainWrites ?? false }, (err) => {
          if (err) reject(new MqttJsonError('mqtt_json_not_connected', `Could not publish to ${tag}: ${err.message}.`));
        });
      });
    } finally {
      clearTimeout(timer);
      if (readBack) this.readBacks.delete(readBack);
      if (!covered) await this.release(tag);
    }
  }

  async browse(address: string | null): Promise<BrowseNode[]> {
    return browseTopics(this.values, address);
  }

  stats(): DriverStats {
    return { ...this.counts };
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.watches.clear();
    this.firstConnect?.reject(new MqttJsonError('mqtt_json_disposed', `Stopped before a connection to ${this.options.brokerUrl} was made.`));
    this.firstConnect = undefined;
    this.online = false;
    await settleWithin(this.client.endAsync());
    if (!this.client.disconnected) this.client.end(true);
    this.health_.set(false, `disconnected from ${this.options.brokerUrl} (driver stopped)`);
    this.health_.clear();
  }

  /** One more user of a broker subscription (subscribed on first use; redone on every reconnect). */
  private async need(filter: string): Promise<void> {
    const n = this.filters.get(filter) ?? 0;
    this.filters.set(filter, n + 1);
    if (n === 0 && this.online) await this.client.subscribeAsync(filter, { qos: 1 }).catch((err: Error) => this.log('warn', `subscribing ${filter}: ${err.message}`));
  }

  private async release(filter: string): Promise<void> {
    const n = (this.filters.get(filter) ?? 1) - 1;
    if (n > 0) return void this.filters.set(filter, n);
    this.filters.delete(filter);
    if (this.online && !this.disposed) await this.client.unsubscribeAsync(filter).catch(() => undefined);
  }

  private async onConnect(): Promise<void> {
    if (this.disposed) return;
    const filters = [...this.filters.keys()];
    if (filters.length > 0) {
      const ok = await this.client.subscribeAsync(filters, { qos: 1 }).then(
        () => true,
        (err: Error) => (this.log('warn', `subscribing after connect: ${err.message}`), false),
      );
      if (!ok || !this.client.connected) return;
    }
    if (this.everOnline) this.counts.reconnects++;
    this.everOnline = true;
    this.online = true;
    this.health_.set(true, `connected to ${this.options.brokerUrl}`);
    this.firstConnect?.resolve();
    this.firstConnect = undefined;
  }

  private onClose(): void {
    if (this.disposed) return;
    const wasOnline = this.online;
    this.online = false;
    const every = `retrying every ${((this.options.reconnectPeriodMs ?? 2_000) / 1000).toFixed(1)} s`;
    const why = this.lastError ? ` (${this.lastError})` : '';
    this.health_.set(false, wasOnline ? `connection to ${this.options.brokerUrl} lost${why} — ${every}` : `cannot reach ${this.options.brokerUrl}${why} — ${every}`);
    if (!wasOnline) return;
    for (const [topic, value] of this.values) {
      if (value.quality === 'bad') continue;
      const stale: TagValue = { ...value, quality: 'bad' };
      this.values.set(topic, stale);
      this.dispatch(topic, stale);
    }
  }

  private onMessage(topic: string, payload: Buffer): void {
    const parsed = payload.length === 0 ? ({ ok: true, value: BAD } as const) : parsePayload(payload, this.options.maxPayloadBytes ?? 64 * 1024);
    if (!parsed.ok) return this.reject(`${topic}: ${parsed.reason}`);
    if (!this.values.has(topic) && this.values.size >= (this.options.maxTopics ?? 100_000)) return this.reject(`${topic}: already following ${this.values.size} topics`);
    this.values.set(topic, parsed.value);
    this.counts.updates++;
    this.dispatch(topic, parsed.value);
    for (const rb of this.readBacks) if (rb.topic === topic && parsed.value.quality === 'good' && parsed.value.value === rb.expected) rb.done();
  }

  private dispatch(topic: string, value: TagValue): void {
    for (const watch of this.watches) if (watch.filters.some((f) => topicMatches(f, topic))) tell(watch, topic, value);
  }

  private reject(message: string): void {
    this.counts.rejected++;
    this.counts.lastRejection = message.length > 200 ? `${message.slice(0, 197)}…` : message;
    // At most 10 lines a second: a flood of junk must not become a flood of log.
    const now = Date.now();
    if (now - this.logWindow.start >= 1000) {
      if (this.logWindow.left > 0) this.log('warn', `…and ${this.logWindow.left} more refused messages (see stats().rejected)`);
      this.logWindow = { start: now, said: 0, left: 0 };
    }
    if (this.logWindow.said++ < 10) this.log('warn', `refused ${this.counts.lastRejection}`);
    else this.logWindow.left++;
  }
}

function tell(watch: Watch, topic: string, value: TagValue): void {
  try {
    watch.listener(topic, value);
  } catch {
    // a failing listener must not stop the others
  }
}
