import { useEffect, useMemo, useState } from 'react';
import type { OrderView } from '../../core';
import { applyQueueChanges, type QueueChange } from './queue-changes';
import { useClient } from '../shell/context';

/**
 * Dispatch-list changes arrive whole on the live stream: the board shows them at once, before its next read of the
 * orders (which on a board of 100,000 orders is deliberately less frequent) brings the ETAs and hints along.
 * The changes are dropped as soon as a newer read arrives, since it already contains them.
 */
export function useQueuePatches(orders: readonly OrderView[] | null): readonly OrderView[] | null {
  const client = useClient();
  const [changes, setChanges] = useState<{ base: readonly OrderView[] | null; list: readonly QueueChange[] }>({ base: null, list: [] });

  useEffect(
    () =>
      client.subscribe((message) => {
        if (message.kind !== 'changed') return;
        const found: QueueChange[] = [];
        for (const e of message.events) {
          const d = e.data as { number?: string; from?: number; to?: number; position?: number } | undefined;
          if (!d?.number) continue;
          if (e.type === 'OrderMoved' && d.from !== undefined && d.to !== undefined) found.push({ type: 'OrderMoved', number: d.number, from: d.from, to: d.to });
          else if (e.type === 'OrderQueued' && d.position !== undefined) found.push({ type: 'OrderQueued', number: d.number, position: d.position });
          else if (e.type === 'OrderDequeued') found.push({ type: 'OrderDequeued', number: d.number });
        }
        if (found.length > 0) setChanges((prev) => ({ base: prev.base, list: [...prev.list, ...found] }));
      }),
    [client],
  );

  // A new read replaces the patches: it was taken after them.
  useEffect(() => setChanges({ base: orders, list: [] }), [orders]);
  return useMemo(
    () => (orders && changes.base === orders && changes.list.length > 0 ? applyQueueChanges(orders, changes.list) : orders),
    [orders, changes],
  );
}
