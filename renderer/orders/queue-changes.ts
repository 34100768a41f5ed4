import type { OrderView } from '../../core';

export type QueueChange =
  | { readonly type: 'OrderMoved'; readonly number: string; readonly from: number; readonly to: number }
  | { readonly type: 'OrderQueued'; readonly number: string; readonly position: number }
  | { readonly type: 'OrderDequeued'; readonly number: string };

/** Applies dispatch-list changes to the sequence numbers of a board (positions are 0-based on the stream, 1-based on the board). */
export function applyQueueChanges(orders: readonly OrderView[], changes: readonly QueueChange[]): OrderView[] {
  let rows = [...orders];
  for (const c of changes) {
    if (c.type === 'OrderMoved') {
      rows = rows.map((o) => {
        if (o.sequence === null) return o;
        if (o.number === c.number) return { ...o, sequence: c.to + 1 };
        const i = o.sequence - 1;
        if (c.from < c.to && i > c.from && i <= c.to) return { ...o, sequence: o.sequence - 1 };
        if (c.to < c.from && i >= c.to && i < c.from) return { ...o, sequence: o.sequence + 1 };
        return o;
      });
    } else if (c.type === 'OrderQueued') {
      rows = rows.map((o) => (o.number === c.number ? { ...o, sequence: c.position + 1 } : o));
    } else {
      const gone = rows.find((o) => o.number === c.number)?.sequence ?? null;
      if (gone === null) continue;
      rows = rows.map((o) => {
        if (o.number === c.number) return { ...o, sequence: null };
        return o.sequence !== null && o.sequence > gone ? { ...o, sequence: o.sequence - 1 } : o;
      });
    }
  }
  return rows;
}
