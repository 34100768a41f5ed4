import { topicsOf, type RecordedEvent, type StreamMessage, type Topic } from '../../core';

type Listener = (message: StreamMessage) => void;

/** Events small and frequent enough to travel whole: the mimic shows them without a round trip. */
const PUSHED = new Set(['WorkCenterStateChanged', 'OrderQueued', 'OrderMoved', 'OrderDequeued']);

/**
 * Fans committed changes out to every live client (WebSocket or IPC). Messages are small: what changed, not the data,
 * except for the few events a screen applies at once (machine states, dispatch-list changes). A commit of more than
 * 50 events sends its last 50: a client that sees a gap in the sequence numbers reads again.
 */
export class LiveStream {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  publish(message: StreamMessage): void {
    for (const l of this.listeners) {
      try {
        l(message);
      } catch {
        // One broken client must not stop the others.
      }
    }
  }

  publishEvents(events: readonly RecordedEvent[]): void {
    const last = events[events.length - 1];
    if (!last) return;
    const topics = new Set<Topic>();
    for (const e of events) for (const t of topicsOf(e.type)) topics.add(t);
    this.publish({
      kind: 'changed',
      seq: last.seq,
      topics: [...topics],
      events: events.slice(-50).map((e) =>
        PUSHED.has(e.type)
          ? { seq: e.seq, type: e.type, stream: e.stream, version: e.streamVersion, at: e.at, data: e.data }
          : { seq: e.seq, type: e.type, stream: e.stream, version: e.streamVersion },
      ),
    });
  }
}
