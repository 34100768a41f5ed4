import { useEffect, useMemo, useState } from 'react';
import { isPushedEvent, type OrderView } from '../../core';
import { applyQueueChanges, type QueueChange } from './queue-changes';
import { useClient } from '../shell/context';

/**
 * Dispatch-list changes arrive whole on the live stream: the board shows them at once, before its next read of the
 * orders (which on a board of 100,000 orders is deliberately less frequent) brings the ETAs and hints along.
 * A change is dropped once a read asked for after it arrives (`readSeq`: the stream sequence seen when the shown read
 * was asked for); a change newer than the read stays applied on top of it.
 */
export function useQueuePatches(orders: readonly OrderView[] | null, readSeq: number): { rows: readonly OrderView[] | null; listVersion: number | null } {
  const client = useClient();
  const [changes, setChanges] = useState<readonly (QueueChange & { seq: number })[]>([]);
  // The dispatch list's version after the last change this board has applied: what a move from this board names.
  const [listVersion, setListVersion] = useState<number | null>(null);

  useEffect(
    () =>
      client.subscribe((message) => {
        if (message.kind !== 'changed') return;
        const found: (QueueChange & { seq: number })[] = [];
        for (const e of message.events) {
          if (e.stream.startsWith('queue:') && e.version !== undefined) {
            const v = e.version;
            setListVersion((prev) => (prev === null || v > prev ? v : prev));
          }
          if (!isPushedEvent(e)) continue;
          if (e.type === 'OrderMoved') found.push({ type: 'OrderMoved', number: e.data.number, from: e.data.from, to: e.data.to, seq: e.seq });
          else if (e.type === 'OrderQueued') found.push({ type: 'OrderQueued', number: e.data.number, position: e.data.position, seq: e.seq });
          else if (e.type === 'OrderDequeued') found.push({ type: 'OrderDequeued', number: e.data.number, seq: e.seq });
        }
        if (found.length > 0) setChanges((prev) => [...prev, ...found]);
      }),
    [client],
  );

  // Changes the shown read already contains are forgotten.
  useEffect(() => setChanges((prev) => (prev.some((c) => c.seq <= readSeq) ? prev.filter((c) => c.seq > readSeq) : prev)), [readSeq]);
  const rows = useMemo(() => {
    const pending = changes.filter((c) => c.seq > readSeq);
    return orders && pending.length > 0 ? applyQueueChanges(orders, pending) : orders;
  }, [orders, changes, readSeq]);
  return { rows, listVersion };
}
