import {
  AttributeIds,
  ClientMonitoredItemGroup,
  DataChangeFilter,
  DataChangeTrigger,
  DeadbandType,
  TimestampsToReturn,
  type ClientSubscription,
  type NodeId,
} from 'node-opcua';
import type { TagValue } from '../../core';
import type { ResolvedAddress } from './address';
import type { StatsCounter } from './stats';
import { asStale, BAD_VALUE, toTagValue } from './values';

export type TagListener = (tag: string, value: TagValue) => void;

export interface Monitoring {
  readonly samplingIntervalMs: number;
  /** Absolute deadband for numeric tags; 0 or undefined reports every change. */
  readonly deadband?: number;
}

/** What attach() needs from the connection. */
export interface WatchContext {
  resolve(address: string): ResolvedAddress;
  /** Which of these nodes hold numbers (asked only when a deadband is set). */
  numeric(nodeIds: readonly NodeId[]): Promise<boolean[]>;
  /** The server's MaxMonitoredItemsPerCall. */
  readonly maxItemsPerCall: number;
}

interface Item {
  readonly tag: string;
  readonly nodeId: NodeId;
}

/**
 * What one subscribe() call asked for: its tags, its listener, the monitored items feeding it and the last
 * value it reported per tag (so a lost connection can mark each tag bad exactly once).
 */
export class TagWatch {
  private readonly last = new Map<string, TagValue>();
  private groups: ClientMonitoredItemGroup[] = [];
  /** Bumped by detach(): notifications of older monitored items are ignored. */
  private generation = 0;
  private closed = false;
  /** The monitored items exist on the server (false before attach, after a failed attach, after detach). */
  attached = false;

  constructor(
    readonly tags: readonly string[],
    private readonly listener: TagListener,
    private readonly monitoring: Monitoring,
    private readonly stats: StatsCounter,
  ) {}

  /** Creates the monitored items on the subscription; tags that cannot be monitored are reported bad. */
  async attach(subscription: ClientSubscription, ctx: WatchContext): Promise<void> {
    const generation = this.generation;
    const items: Item[] = [];
    for (const tag of this.tags) {
      const resolved = ctx.resolve(tag);
      if (resolved.ok) items.push({ tag, nodeId: resolved.nodeId });
      else this.refuse(tag, resolved.reason);
    }
    const deadband = this.monitoring.deadband ?? 0;
    // A deadband filter is refused by the server for a non-numeric node, so those are monitored without one.
    const numeric = deadband > 0 && items.length > 0 ? await ctx.numeric(items.map((i) => i.nodeId)) : [];
    const filtered = items.filter((_, i) => numeric[i] === true);
    const plain = items.filter((_, i) => numeric[i] !== true);
    const chunk = Math.max(1, ctx.maxItemsPerCall);
    const batches: { items: Item[]; deadband: number }[] = [];
    for (const [list, d] of [[plain, 0], [filtered, deadband]] as const) {
      for (let i = 0; i < list.length; i += chunk) batches.push({ items: list.slice(i, i + chunk), deadband: d });
    }
    const created = await Promise.all(batches.map((b) => this.monitor(subscription, b.items, b.deadband, generation)));
    this.attached = created.every(Boolean);
  }

  async detach(): Promise<void> {
    const groups = this.groups;
    this.groups = [];
    this.generation += 1;
    this.attached = false;
    await Promise.all(groups.map((g) => g.terminate().catch(() => undefined)));
  }

  /** The subscriber is gone: nothing more is reported to it. */
  close(): void {
    this.closed = true;
  }

  /** The connection is gone: every tag not yet reported bad is reported bad once, with its last value kept for context. */
  markStale(): void {
    for (const tag of this.tags) {
      const last = this.last.get(tag);
      if (last?.quality !== 'bad') this.report(tag, asStale(last));
    }
  }

  staleTags(): string[] {
    return this.tags.filter((tag) => this.last.get(tag)?.quality !== 'good');
  }

  /** A value read after reconnecting, used only if no notification has refreshed the tag meanwhile. */
  refresh(tag: string, value: TagValue): void {
    if (this.last.get(tag)?.quality !== 'good') this.report(tag, value);
  }

  private async monitor(subscription: ClientSubscription, items: readonly Item[], deadband: number, generation: number): Promise<boolean> {
    const filter =
      deadband > 0 ? new DataChangeFilter({ trigger: DataChangeTrigger.StatusValue, deadbandType: DeadbandType.Absolute, deadbandValue: deadband }) : null;
    const group = ClientMonitoredItemGroup.create(
      subscription,
      items.map((i) => ({ nodeId: i.nodeId, attributeId: AttributeIds.Value })),
      { samplingInterval: this.monitoring.samplingIntervalMs, queueSize: 10, discardOldest: true, filter },
      TimestampsToReturn.Both,
    );
    this.groups.push(group);
    group.on('changed', (_item, dataValue, index) => {
      const item = items[index];
      if (item === undefined || this.generation !== generation) return;
      this.stats.update();
      this.report(item.tag, toTagValue(dataValue));
    });
    const created = await new Promise<boolean>((resolveCreated) => {
      group.once('initialized', () => resolveCreated(true));
      group.once('terminated', () => resolveCreated(false));
    });
    group.monitoredItems.forEach((monitored, index) => {
      const tag = items[index]?.tag;
      if (tag === undefined) return;
      if (!created) this.report(tag, BAD_VALUE);
      else if (monitored.statusCode.isNotGood()) this.refuse(tag, `the server refused to monitor it (${monitored.statusCode.name})`);
    });
    return created;
  }

  private refuse(tag: string, why: string): void {
    this.stats.reject(`${tag}: ${why}`);
    this.report(tag, BAD_VALUE);
  }

  private report(tag: string, value: TagValue): void {
    if (this.closed) return;
    this.last.set(tag, value);
    try {
      this.listener(tag, value);
    } catch {
      // A failing listener must not stop the values of the other tags.
    }
  }
}
