import type { TagRef, TagValue } from '../../core';

export type TagListener = (ref: TagRef, value: TagValue) => void;

interface Entry {
  readonly ref: TagRef;
  value: TagValue | undefined;
  listeners: Set<TagListener> | null;
}

/**
 * The live model: the latest value, quality and source time of every subscribed tag, and who wants to hear of
 * changes. High-rate values live here, not in the event log (STYLE.md §2). The hot path (set) allocates nothing
 * for a known tag: one lookup per level, the value replaced in place.
 */
export class TagCache {
  private readonly byConnection = new Map<string, Map<string, Entry>>();
  private readonly everything = new Set<TagListener>();
  private count = 0;
  updates = 0;

  private entry(ref: TagRef, create: boolean): Entry | undefined {
    let tags = this.byConnection.get(ref.connection);
    if (!tags) {
      if (!create) return undefined;
      this.byConnection.set(ref.connection, (tags = new Map()));
    }
    let e = tags.get(ref.address);
    if (!e && create) {
      tags.set(ref.address, (e = { ref: { connection: ref.connection, address: ref.address }, value: undefined, listeners: null }));
    }
    return e;
  }

  set(ref: TagRef, value: TagValue): void {
    const e = this.entry(ref, true) as Entry;
    if (e.value === undefined) this.count += 1;
    e.value = value;
    this.updates += 1;
    if (e.listeners) for (const l of e.listeners) l(e.ref, value);
    if (this.everything.size > 0) for (const l of this.everything) l(e.ref, value);
  }

  get(ref: TagRef): TagValue | undefined {
    return this.entry(ref, false)?.value;
  }

  /** Mark every tag of a connection bad (it went away); values are kept so screens can show what they were. */
  markConnectionBad(connection: string): void {
    for (const e of this.byConnection.get(connection)?.values() ?? []) {
      if (e.value && e.value.quality !== 'bad') this.set(e.ref, { ...e.value, quality: 'bad' });
    }
  }

  /** Drop a connection's values; listeners stay registered for when it comes back. */
  forget(connection: string): void {
    for (const e of this.byConnection.get(connection)?.values() ?? []) {
      if (e.value !== undefined) this.count -= 1;
      e.value = undefined;
    }
  }

  listen(ref: TagRef, listener: TagListener): () => void {
    const e = this.entry(ref, true) as Entry;
    (e.listeners ??= new Set()).add(listener);
    return () => {
      e.listeners?.delete(listener);
      if (e.listeners?.size === 0) e.listeners = null;
    };
  }

  listenAll(listener: TagListener): () => void {
    this.everything.add(listener);
    return () => this.everything.delete(listener);
  }

  *values(): IterableIterator<TagValue> {
    for (const tags of this.byConnection.values()) for (const e of tags.values()) if (e.value !== undefined) yield e.value;
  }

  /** Tags that have a value. */
  get size(): number {
    return this.count;
  }
}
