import { ALL_TAGS, type SubscribeOptions, type TagValue } from '../../core';

export type TagListener = (tag: string, value: TagValue) => void;

/** One subscribe() call: its listener, and with a deadband the last value it was told per tag. */
class Subscription {
  private readonly lastTold: Map<string, TagValue> | null;
  closed = false;

  constructor(
    readonly tags: readonly string[],
    private readonly listener: TagListener,
    private readonly deadband: number,
  ) {
    this.lastTold = deadband > 0 ? new Map() : null;
  }

  tell(tag: string, value: TagValue): void {
    if (this.closed) return;
    if (this.lastTold !== null) {
      const last = this.lastTold.get(tag);
      if (withinDeadband(last, value, this.deadband)) return;
      this.lastTold.set(tag, value);
    }
    try {
      this.listener(tag, value);
    } catch {
      // A failing listener must not stop the values of the other tags or subscribers.
    }
  }
}

function withinDeadband(last: TagValue | undefined, next: TagValue, deadband: number): boolean {
  return (
    last !== undefined &&
    last.quality === next.quality &&
    typeof last.value === 'number' &&
    typeof next.value === 'number' &&
    Math.abs(next.value - last.value) < deadband
  );
}

/** Who wants which tag: every metric update is told to the ALL_TAGS subscribers and to those of its address. */
export class Subscribers {
  private all: Subscription[] = [];
  private readonly byTag = new Map<string, Subscription[]>();

  add(tags: readonly string[], listener: TagListener, options: SubscribeOptions): Subscription {
    // With ALL_TAGS the other tags are already covered: each value is told once.
    const sub = new Subscription(tags.includes(ALL_TAGS) ? [ALL_TAGS] : [...new Set(tags)], listener, options.deadband ?? 0);
    for (const tag of sub.tags) {
      if (tag === ALL_TAGS) this.all = [...this.all, sub];
      else this.byTag.set(tag, [...(this.byTag.get(tag) ?? []), sub]);
    }
    return sub;
  }

  remove(sub: Subscription): void {
    sub.closed = true;
    for (const tag of sub.tags) {
      if (tag === ALL_TAGS) {
        this.all = this.all.filter((s) => s !== sub);
        continue;
      }
      const left = (this.byTag.get(tag) ?? []).filter((s) => s !== sub);
      if (left.length > 0) this.byTag.set(tag, left);
      else this.byTag.delete(tag);
    }
  }

  /** Arrays are replaced, never mutated, on add/remove: a listener that unsubscribes mid-notify is safe. */
  notify(tag: string, value: TagValue): void {
    const all = this.all;
    for (let i = 0; i < all.length; i++) all[i]!.tell(tag, value);
    if (this.byTag.size === 0) return;
    const subs = this.byTag.get(tag);
    if (subs) for (let i = 0; i < subs.length; i++) subs[i]!.tell(tag, value);
  }

  clear(): void {
    for (const sub of this.all) sub.closed = true;
    for (const subs of this.byTag.values()) for (const sub of subs) sub.closed = true;
    this.all = [];
    this.byTag.clear();
  }
}

export type { Subscription };
