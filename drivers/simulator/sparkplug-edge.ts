import mqtt, { type MqttClient } from 'mqtt';
import { LINE_TAGS, WORK_CENTER_TAGS, settleWithin } from '../../core';
import { deviceTopic, encodePayload, nodeTopic, type ScalarValue } from '../sparkplug';
import type { LineChange, LineModel } from './line-model';
import { createRandom } from './random';
import { corruptMessage, type CorruptKind } from './sparkplug-edge-faults';
import { commandedWrites, extraMetricBatches, isPackMLCommand, lineChangeMetrics } from './sparkplug-edge-messages';
import { buildLayout, FORCE_REJECT_METRIC, REBIRTH_METRIC, type EdgeMetric, type SimulatedDevice } from './sparkplug-edge-metrics';

export interface SparkplugEdgeOptions {
  readonly brokerUrl: string;
  readonly groupId: string;
  readonly edgeNodeId: string;
  /** The line: each work center a device (id = its PLC folder; Command and ForceReject writable); NextSerial a writable node metric. */
  readonly model?: LineModel;
  /** Numeric node metrics "Bench/M00000"… that all change every period (for benchmarks). */
  readonly extraMetrics?: number;
  /** Extra metrics per NDATA message (default all in one). */
  readonly batchSize?: number;
  /** Scan period in ms (default 100). 0: the extra metrics as fast as the socket takes them (benchmark flood). */
  readonly periodMs?: number;
  /** With periodMs 0: at most this many metric updates a second (default: no limit). */
  readonly maxMetricsPerSecond?: number;
  readonly now?: () => number;
  readonly clientId?: string;
  /** Wait before reconnecting after a lost connection (default 1 s). */
  readonly reconnectPeriodMs?: number;
  readonly log?: (message: string) => void;
}

export interface SparkplugEdgeStats {
  readonly messages: number;
  readonly metrics: number;
  readonly births: number;
  readonly commands: number;
}

export interface SparkplugEdge {
  readonly groupId: string;
  readonly edgeNodeId: string;
  /** The current connection's birth/death sequence number. */
  bdSeq(): number;
  /** The value last published for a metric (deviceId null: a node metric). */
  value(deviceId: string | null, metric: string): ScalarValue | undefined;
  stats(): SparkplugEdgeStats;
  /** Destroys the socket without DISCONNECT: the broker publishes the NDEATH will; the edge reconnects and is born again. */
  dropConnection(): void;
  /** The next message's seq jumps by `count` more (a lost message, as the host sees it). */
  skipSeq(count?: number): void;
  /** Publishes one broken message (see CORRUPT_KINDS); it takes a seq number like a real one would. */
  sendCorrupt(kind: CorruptKind): Promise<void>;
  sendRaw(topic: string, bytes: Uint8Array): Promise<void>;
  /** NBIRTH and every live device's DBIRTH again, seq restarting at 0. */
  rebirth(): Promise<void>;
  /** DDEATH: the device is gone until reviveDevice() or the next rebirth. */
  killDevice(deviceId: string): Promise<void>;
  reviveDevice(deviceId: string): Promise<void>;
  /** NDEATH, then a clean disconnect. */
  dispose(): Promise<void>;
}

/** Starts the simulator as a Sparkplug B edge node; resolves once connected and born. */
export async function startSparkplugEdge(options: SparkplugEdgeOptions): Promise<SparkplugEdge> {
  const edge = new Edge(options);
  try {
    await edge.started;
  } catch (err) {
    await edge.dispose(); // no client left retrying in the background
    throw err;
  }
  return edge;
}

class Edge implements SparkplugEdge {
  readonly groupId: string;
  readonly edgeNodeId: string;
  readonly started: Promise<void>;
  private readonly client: MqttClient;
  private readonly layout;
  private readonly now: () => number;
  private readonly log: (message: string) => void;
  private bdSeq_ = 0;
  private seq = 0;
  private tick = 0;
  private timer: NodeJS.Timeout | undefined;
  private flooding = false;
  private disposed = false;
  private readonly counts = { messages: 0, metrics: 0, births: 0, commands: 0 };
  private readonly random = createRandom(1);
  private readonly failed = (err: unknown): void => this.log(`publish failed: ${(err as Error).message}`);

  constructor(private readonly options: SparkplugEdgeOptions) {
    this.groupId = options.groupId;
    this.edgeNodeId = options.edgeNodeId;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => undefined);
    this.layout = buildLayout(options.model, options.extraMetrics ?? 0);
    this.client = mqtt.connect(options.brokerUrl, {
      clientId: options.clientId ?? `${options.groupId}-${options.edgeNodeId}-edge`,
      clean: true,
      keepalive: 10,
      reconnectPeriod: options.reconnectPeriodMs ?? 1_000,
      queueQoSZero: false,
      resubscribe: false,
      will: { topic: this.nodeTopic('NDEATH'), payload: this.death(), qos: 1, retain: false },
    });
    this.client.on('error', (err) => this.log(`MQTT: ${err.message}`));
    this.client.on('reconnect', () => {
      this.bdSeq_ = (this.bdSeq_ + 1) & 0xff; // a new session: a new birth/death pair
      if (this.client.options.will) this.client.options.will.payload = this.death();
    });
    this.client.on('message', (topic, payload) => this.command(topic, payload));
    this.started = new Promise<void>((resolve, reject) => {
      this.client.once('error', reject);
      this.client.on('connect', () => {
        void this.online().then(resolve, reject);
      });
    });
    const period = options.periodMs ?? 100;
    if (period > 0) this.timer = setInterval(() => this.scan(), period);
    else void this.flood();
  }

  bdSeq(): number {
    return this.bdSeq_;
  }

  value(deviceId: string | null, metric: string): ScalarValue | undefined {
    const set = deviceId === null ? this.layout.node : this.layout.devices.get(deviceId)?.metrics;
    return set?.byName.get(metric)?.value;
  }

  stats(): SparkplugEdgeStats {
    return { ...this.counts };
  }

  dropConnection(): void {
    this.client.stream.destroy();
  }

  skipSeq(count = 1): void {
    this.seq = (this.seq + count) & 0xff;
  }

  async sendCorrupt(kind: CorruptKind): Promise<void> {
    const { topic, bytes } = corruptMessage(kind, { group: this.groupId, node: this.edgeNodeId, layout: this.layout, seq: this.nextSeq(), now: this.now(), random: this.random.next });
    await this.sendRaw(topic, bytes);
  }

  async sendRaw(topic: string, bytes: Uint8Array): Promise<void> {
    await this.client.publishAsync(topic, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { qos: 0 });
  }

  async rebirth(): Promise<void> {
    if (!this.client.connected) return;
    const at = this.now();
    this.layout.bdSeq.value = this.bdSeq_;
    this.seq = 0;
    await this.publish(this.nodeTopic('NBIRTH'), { timestamp: at, seq: this.nextSeq(), metrics: this.layout.node.birth(at) }, true);
    for (const device of this.layout.devices.values()) if (device.alive) await this.deviceBirth(device, at);
  }

  async killDevice(deviceId: string): Promise<void> {
    const device = this.layout.devices.get(deviceId);
    if (!device?.alive) return;
    device.alive = false;
    await this.publish(this.deviceTopic('DDEATH', device), { timestamp: this.now(), seq: this.nextSeq(), metrics: [] }, false);
  }

  async reviveDevice(deviceId: string): Promise<void> {
    const device = this.layout.devices.get(deviceId);
    if (!device || device.alive) return;
    device.alive = true;
    await this.deviceBirth(device, this.now());
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.timer);
    // A clean stop says NDEATH itself (the will only covers a lost connection); a dead broker must not hang it.
    const death = this.client.connected ? this.client.publishAsync(this.nodeTopic('NDEATH'), this.death(), { qos: 1 }) : Promise.resolve();
    await settleWithin(death);
    await settleWithin(this.client.endAsync());
    if (!this.client.disconnected) this.client.end(true);
  }

  private nodeTopic(type: 'NBIRTH' | 'NDEATH' | 'NDATA' | 'NCMD'): string {
    return nodeTopic(type, this.groupId, this.edgeNodeId);
  }

  private deviceTopic(type: 'DBIRTH' | 'DDEATH' | 'DDATA', device: SimulatedDevice): string {
    return deviceTopic(type, this.groupId, this.edgeNodeId, device.id);
  }

  private death(): Buffer {
    return encodePayload({ timestamp: this.now(), metrics: [{ name: 'bdSeq', datatype: this.layout.bdSeq.datatype, value: this.bdSeq_ }] });
  }

  private nextSeq(): number {
    const seq = this.seq;
    this.seq = (this.seq + 1) & 0xff;
    return seq;
  }

  private async online(): Promise<void> {
    await this.client.subscribeAsync([this.nodeTopic('NCMD'), `${deviceTopic('DCMD', this.groupId, this.edgeNodeId, '+')}`], { qos: 1 });
    await this.rebirth();
  }

  private async deviceBirth(device: SimulatedDevice, at: number): Promise<void> {
    await this.publish(this.deviceTopic('DBIRTH', device), { timestamp: at, seq: this.nextSeq(), metrics: device.metrics.birth(at) }, true);
  }

  private async publish(topic: string, payload: Parameters<typeof encodePayload>[0], birth: boolean): Promise<void> {
    const bytes = encodePayload(payload, { datatypes: birth });
    this.counts.messages++;
    this.counts.metrics += payload.metrics.length;
    if (birth) this.counts.births++;
    await this.client.publishAsync(topic, bytes, { qos: 0 });
  }

  /** One PLC scan: the line's changes in the order it made them, then every extra metric. */
  private scan(): void {
    if (!this.client.connected || this.disposed) return;
    const at = this.now();
    const model = this.options.model;
    if (model) this.publishChanges(model.step(at), at);
    if (this.layout.extras.length > 0) void this.publishExtras(at).catch((err: unknown) => this.failed(err));
  }

  private publishChanges(changes: readonly LineChange[], at: number): void {
    const { node, devices } = lineChangeMetrics(this.layout, changes);
    if (node.length > 0) void this.publish(this.nodeTopic('NDATA'), { timestamp: at, seq: this.nextSeq(), metrics: node }, false).catch((err: unknown) => this.failed(err));
    for (const [device, metrics] of devices) {
      if (device.alive) void this.publish(this.deviceTopic('DDATA', device), { timestamp: at, seq: this.nextSeq(), metrics }, false).catch((err: unknown) => this.failed(err));
    }
  }

  private async publishExtras(at: number): Promise<void> {
    const batch = Math.max(1, this.options.batchSize ?? this.layout.extras.length);
    for (const metrics of extraMetricBatches(this.layout.extras, ++this.tick, batch)) {
      await this.publish(this.nodeTopic('NDATA'), { timestamp: at, seq: this.nextSeq(), metrics }, false);
    }
  }

  /** Benchmark mode: publish the extra metrics back to back, as fast as the socket drains. */
  private async flood(): Promise<void> {
    if (this.flooding) return;
    this.flooding = true;
    await this.started.catch(() => undefined);
    const rate = this.options.maxMetricsPerSecond ?? 0;
    const t0 = Date.now();
    let sent = 0;
    while (!this.disposed) {
      if (!this.client.connected || this.layout.extras.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      await this.publishExtras(this.now()).catch(() => undefined);
      sent += this.layout.extras.length;
      const aheadMs = rate > 0 ? (sent / rate) * 1000 - (Date.now() - t0) : 0;
      // Let commands (rebirth requests) in; keep to the rate when there is one.
      await new Promise((resolve) => (aheadMs > 1 ? setTimeout(resolve, aheadMs) : setImmediate(resolve)));
    }
  }

  private command(topic: string, bytes: Buffer): void {
    this.counts.commands++;
    for (const { metric, value, device } of commandedWrites(this.layout, topic, bytes, this.log)) this.write(metric, value, device);
  }

  private write(metric: EdgeMetric, value: ScalarValue, device: SimulatedDevice | undefined): void {
    const model = this.options.model;
    if (metric.name === REBIRTH_METRIC) {
      if (value === true) void this.rebirth().catch((err: unknown) => this.failed(err));
      return;
    }
    if (metric.name === LINE_TAGS.nextSerial && model && typeof value === 'string') {
      model.writeNextSerial(value, this.now()); // reported by the next scan, in the PLC's order
      return;
    }
    if (metric.name === WORK_CENTER_TAGS.command && device && model && isPackMLCommand(value)) {
      model.command(device.workCenterId, value, this.now()); // accepted: the next scan reports Command; refused: nothing changes
      return;
    }
    if (metric.name === FORCE_REJECT_METRIC && device && model && value === true) {
      model.forceReject(device.workCenterId);
      metric.value = true;
      void this.publish(this.deviceTopic('DDATA', device), { timestamp: this.now(), seq: this.nextSeq(), metrics: [{ alias: metric.alias, datatype: metric.datatype, value: true }] }, false).catch((err: unknown) => this.failed(err));
    }
  }
}

