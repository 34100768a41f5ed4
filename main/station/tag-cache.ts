import { tagKey, type TagRef, type TagValue } from '../../core';

export type TagListener = (ref: TagRef, value: TagValue) => void;

/**
 * The live model: the latest value, quality and source time of every subscribed tag, and who wants to hear of
 * changes. High-rate values live here, not in the event log (STYLE.md §2).
 */
export class TagCache {
  private readonly values_ = new Map<string, { ref: TagRef; value: TagValue }>();
  private readonly byKey = new Map<string, Set<TagListener>>();
  private readonly everything = new Set<TagListener>();
  updates = 0;

  set(ref: TagRef, value: TagValue): void {
    const key = tagKey(ref);
    this.values_.set(key, { ref, value });
    this.updates += 1;
    const listeners = this.byKey.get(key);
    if (listeners) for (const l of listeners) l(ref, value);
    for (const l of this.everything) l(ref, value);
  }

  get(ref: TagRef): TagValue | undefined {
    return this.values_.get(tagKey(ref))?.value;
  }

  /** Mark every tag of a connection bad (it went away); values are kept so screens can show what they were. */
  markConnectionBad(connection: string): void {
    for (const { ref, value } of this.values_.values()) {
      if (ref.connection === connection && value.quality !== 'bad') this.set(ref, { ...value, quality: 'bad' });
    }
  }

  forget(connection: string): void {
    for (const [key, { ref }] of this.values_) if (ref.connection === connection) this.values_.delete(key);
  }

  listen(ref: TagRef, listener: TagListener): () => void {
    const key = tagKey(ref);
    let set = this.byKey.get(key);
    if (!set) this.byKey.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.byKey.delete(key);
    };
  }

  listenAll(listener: TagListener): () => void {
    this.everything.add(listener);
    return () => this.everything.delete(listener);
  }

  *values(): IterableIterator<TagValue> {
    for (const { value } of this.values_.values()) yield value;
  }

  get size(): number {
    return this.values_.size;
  }
}
