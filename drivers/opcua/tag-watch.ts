import { AttributeIds, ClientMonitoredItemGroup, TimestampsToReturn, type ClientSubscription, type NodeId } from 'node-opcua';
import type { TagValue } from '../../core';
import type { ResolvedAddress } from './address';
import { asStale, BAD_VALUE, toTagValue } from './values';

export type TagListener = (tag: string, value: TagValue) => void;

/**
 * What one subscribe() call asked for: its tags, its listener, the monitored items feeding it and the last
 * value it reported per tag (so a lost connection can mark each tag bad exactly once).
 */
export class TagWatch {
  private readonly last = new Map<string, TagValue>();
  private group: ClientMonitoredItemGroup | undefined;
  private closed = false;
  /** The monitored items exist on the server (false before attach, after a failed attach, after detach). */
  attached = false;

  constructor(
    readonly tags: readonly string[],
    private readonly listener: TagListener,
    private readonly samplingIntervalMs: number,
  ) {}

  /** Creates the monitored items on the subscription; tags that cannot be monitored are reported bad. */
  async attach(subscription: ClientSubscription, resolve: (address: string) => ResolvedAddress): Promise<void> {
    const items: { tag: string; nodeId: NodeId }[] = [];
    for (const tag of this.tags) {
      const resolved = resolve(tag);
      if (resolved.ok) items.push({ tag, nodeId: resolved.nodeId });
      else this.report(tag, BAD_VALUE);
    }
    if (items.length === 0) {
      this.attached = true;
      return;
    }
    const group = ClientMonitoredItemGroup.create(
      subscription,
      items.map((i) => ({ nodeId: i.nodeId, attributeId: AttributeIds.Value })),
      { samplingInterval: this.samplingIntervalMs, queueSize: 10, discardOldest: true },
      TimestampsToReturn.Both,
    );
    this.group = group;
    group.on('changed', (_item, dataValue, index) => {
      const item = items[index];
      if (item && this.group === group) this.report(item.tag, toTagValue(dataValue));
    });
    const created = await new Promise<boolean>((resolveCreated) => {
      group.once('initialized', () => resolveCreated(true));
      group.once('terminated', () => resolveCreated(false));
    });
    this.attached = created;
    group.monitoredItems.forEach((monitored, index) => {
      const tag = items[index]?.tag;
      if (tag !== undefined && (!created || monitored.statusCode.isNotGood())) this.report(tag, BAD_VALUE);
    });
  }

  async detach(): Promise<void> {
    const group = this.group;
    this.group = undefined;
    this.attached = false;
    if (group) await group.terminate().catch(() => undefined);
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
