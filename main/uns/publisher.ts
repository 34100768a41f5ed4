import mqtt, { type MqttClient } from 'mqtt';
import { UNS_ROOT, settleWithin, type LineSetup, type OeeRow, type RecordedEvent } from '../../core';
import type { Db } from '../store';
import { unsTopics, type UnsTopics } from './topics';

export interface UnsOptions {
  /** The plant's broker, mqtt:// or mqtts://. */
  readonly url: string;
  /** The enterprise level of the namespace (default "mes"). */
  readonly root?: string;
  readonly username?: string;
  readonly password?: string;
  /** How often the running shift's OEE is published (default 10 s). */
  readonly oeeEveryMs?: number;
}

interface Publish {
  readonly topic: string;
  readonly payload: unknown;
  readonly retain: boolean;
}

const TARGET = 'uns';

/** Publishing turned off: publishing again later starts from then, not with everything recorded while it was off. */
export function forgetUnsCursor(db: Db): void {
  db.prepare('DELETE FROM replication_cursor WHERE target = ?').run(TARGET);
}
const BATCH = 500;

/**
 * Publishes the line to the plant's Unified Namespace (MQTT, JSON): each work center's state, counts and OEE of the
 * running shift as retained current values, and completed units, stops' reasons and scrapped units as events. Events
 * are read from the station's log after a cursor that moves only once the broker has acknowledged them (QoS 1): a
 * broker that is down loses nothing, the backlog goes out when it is back. Current values are published again on every
 * connect.
 */
export class UnsPublisher {
  private readonly client: MqttClient;
  private readonly read;
  private readonly saveCursor;
  private readonly counts;
  private readonly countsOf;
  private readonly head;
  private cursor: number;
  private draining = false;
  private again = false;
  private stopped = false;
  private readonly timer: ReturnType<typeof setInterval>;
  private lastOee = '';
  /** What the broker or the network last said went wrong (a refused account, say); cleared on connect. */
  private lastError: string | null = null;

  constructor(
    db: Db,
    private readonly setup: () => LineSetup | null,
    private readonly currentOee: () => { shift: string | null; rows: OeeRow[] },
    readonly options: UnsOptions,
    private readonly log: (line: string) => void,
  ) {
    if (!UNS_ROOT.test(this.options.root ?? 'mes')) throw new Error(`The UNS root "${this.options.root}" is not one to four topic levels of letters, digits, _ or -.`);
    this.read = db.prepare('SELECT seq, type, at, data FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
    this.saveCursor = db.prepare('INSERT INTO replication_cursor (target, shipped, updated_at) VALUES (?, ?, ?) ON CONFLICT (target) DO UPDATE SET shipped = excluded.shipped, updated_at = excluded.updated_at');
    this.counts = db.prepare('SELECT id, state, state_since AS since, good, rejected FROM work_centers');
    this.countsOf = db.prepare('SELECT good, rejected FROM work_centers WHERE id = ?');
    this.head = db.prepare('SELECT max(seq) FROM events').pluck();
    // A station that starts publishing begins from now: the namespace is about the plant as it is, not its history.
    const saved = db.prepare('SELECT shipped FROM replication_cursor WHERE target = ?').pluck().get(TARGET) as number | undefined;
    this.cursor = saved ?? ((db.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck().get() as number) ?? 0);
    if (saved === undefined) this.saveCursor.run(TARGET, this.cursor, new Date().toISOString());
    const topics = this.topics();
    this.client = mqtt.connect(this.options.url, {
      clientId: `mes-uns-${Math.random().toString(16).slice(2, 10)}`,
      ...(this.options.username ? { username: this.options.username, password: this.options.password ?? '' } : {}),
      reconnectPeriod: 1_000,
      connectTimeout: 5_000,
      ...(topics ? { will: { topic: topics.status, payload: Buffer.from(JSON.stringify({ online: false })), qos: 1, retain: true } } : {}),
    });
    this.client.on('connect', () => {
      this.lastError = null;
      this.log(`UNS: connected to ${this.options.url}`);
      void this.onConnect();
    });
    this.client.on('error', (e) => {
      this.lastError = e.message;
      this.log(`UNS: ${e.message}`);
    });
    this.timer = setInterval(() => void this.publishOee(false), this.options.oeeEveryMs ?? 10_000);
  }

  private topics(): UnsTopics | null {
    const s = this.setup();
    return s ? unsTopics(this.options.root ?? 'mes', s) : null;
  }

  /** Whether the broker has the station's session now, and how many events of the log it has not had yet. */
  status(): { connected: boolean; backlog: number; message: string | null } {
    const head = (this.head.get() as number | null) ?? 0;
    return { connected: this.client.connected, backlog: Math.max(0, head - this.cursor), message: this.client.connected ? null : this.lastError };
  }

  /** New events were committed: publish them. */
  nudge(): void {
    void this.drain();
  }

  private async onConnect(): Promise<void> {
    const t = this.topics();
    if (!t) return;
    try {
      await this.send([{ topic: t.status, payload: { online: true, at: new Date().toISOString() }, retain: true }, ...this.currentValues(t)]);
      await this.publishOee(true);
    } catch (e) {
      this.log(`UNS: ${(e as Error).message}`);
    }
    await this.drain();
  }

  private currentValues(t: UnsTopics): Publish[] {
    return (this.counts.all() as { id: string; state: string | null; since: string | null; good: number; rejected: number }[]).flatMap((w) => [
      { topic: t.workCenter(w.id, 'state'), payload: { state: w.state ?? 'Unknown', since: w.since }, retain: true },
      { topic: t.workCenter(w.id, 'counts'), payload: { good: w.good, rejected: w.rejected }, retain: true },
    ]);
  }

  private async publishOee(force: boolean): Promise<void> {
    const t = this.topics();
    if (!t || !this.client.connected) return;
    const { shift, rows } = this.currentOee();
    const messages: Publish[] = rows.map((r) => ({
      topic: r.workCenter ? t.workCenter(r.workCenter, 'oee') : t.line('oee'),
      payload: {
        shift, source: r.source, availability: r.kpis.availability, performance: r.kpis.effectiveness, quality: r.kpis.quality, oee: r.kpis.oee,
        produced: r.quantities.produced, good: r.quantities.good, plannedSeconds: r.times.pbt, runSeconds: r.times.apt, downSeconds: r.times.adot,
      },
      retain: true,
    }));
    const key = JSON.stringify(messages);
    if (!force && key === this.lastOee) return;
    this.lastOee = key;
    await this.send(messages.map((m) => ({ ...m, payload: { ...(m.payload as object), at: new Date().toISOString() } }))).catch((e: Error) => this.log(`UNS: ${e.message}`));
  }

  /** The log after the cursor as messages, in order; the cursor moves past each batch the broker acknowledged. */
  private async drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = true;
    try {
      do {
        this.again = false;
        const t = this.topics();
        if (!t) return;
        for (;;) {
          if (this.stopped || !this.client.connected) return;
          const rows = this.read.all(this.cursor, BATCH) as { seq: number; type: RecordedEvent['type']; at: string; data: string }[];
          if (rows.length === 0) break;
          const out = rows.flatMap((r) => this.messagesOf(t, r.type, r.at, JSON.parse(r.data) as Record<string, unknown>));
          await this.send(out);
          this.cursor = rows.at(-1)!.seq;
          this.saveCursor.run(TARGET, this.cursor, new Date().toISOString());
        }
      } while (this.again);
    } catch (e) {
      this.log(`UNS: publishing stopped at event ${this.cursor} (${(e as Error).message}); it goes on when the broker is back`);
    } finally {
      this.draining = false;
    }
  }

  private messagesOf(t: UnsTopics, type: RecordedEvent['type'], at: string, d: Record<string, unknown>): Publish[] {
    const wc = typeof d.workCenter === 'string' ? d.workCenter : null;
    switch (type) {
      case 'WorkCenterStateChanged':
        return wc ? [{ topic: t.workCenter(wc, 'state'), payload: { state: d.state, previous: d.previous, since: at }, retain: true }] : [];
      case 'OperationCompleted': {
        if (!wc) return [];
        const row = this.countsOf.get(wc) as { good: number; rejected: number } | undefined;
        return [
          { topic: t.workCenter(wc, 'counts'), payload: { good: row?.good ?? 0, rejected: row?.rejected ?? 0, at }, retain: true },
          { topic: t.workCenter(wc, 'operations/completed'), payload: { serial: d.serial, order: d.order, operation: d.operation, result: d.result, measurements: d.measurements, at }, retain: false },
        ];
      }
      case 'UnitCompleted':
        return [{ topic: t.line('units/completed'), payload: { serial: d.serial, order: d.order, at }, retain: false }];
      case 'UnitScrapped':
        return [{ topic: t.line('units/scrapped'), payload: { serial: d.serial, order: d.order, operation: d.operation, reason: d.reason, at }, retain: false }];
      case 'OperationQuantityReported':
        return wc ? [{ topic: t.workCenter(wc, 'quantities/reported'), payload: { order: d.number, operation: d.operation, good: d.good, scrapped: d.scrapped, at }, retain: false }] : [];
      case 'DowntimeReasonGiven':
        return wc ? [{ topic: t.workCenter(wc, 'downtime'), payload: { start: d.start, reason: d.reason, path: d.path, loss: d.loss, at }, retain: false }] : [];
      default:
        return [];
    }
  }

  private send(messages: readonly Publish[]): Promise<void> {
    return Promise.all(
      messages.map(
        (m) =>
          new Promise<void>((resolve, reject) =>
            this.client.publish(m.topic, JSON.stringify(m.payload), { qos: 1, retain: m.retain }, (err) => (err ? reject(err) : resolve())),
          ),
      ),
    ).then(() => undefined);
  }

  async dispose(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    const t = this.topics();
    if (t && this.client.connected) {
      // Said if the broker acknowledges it soon; a broker that no longer answers does not hold the station up.
      await settleWithin(this.send([{ topic: t.status, payload: { online: false, at: new Date().toISOString() }, retain: true }]));
    }
    await this.client.endAsync(true);
  }
}
