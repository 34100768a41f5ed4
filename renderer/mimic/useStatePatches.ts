import { useEffect, useState } from 'react';
import { isPushedEvent, type LineView, type PackMLState } from '../../core';
import { useClient } from '../shell/context';

interface Patch {
  readonly state: PackMLState;
  readonly at: string;
}

/**
 * Machine states arrive whole on the live stream: apply them to the last line view at once, instead of waiting for
 * the next read (which follows, and wins when it is newer).
 */
export function useStatePatches(view: LineView | null): LineView | null {
  const client = useClient();
  const [patches, setPatches] = useState<ReadonlyMap<string, Patch>>(new Map());

  useEffect(
    () =>
      client.subscribe((message) => {
        if (message.kind !== 'changed') return;
        const states = message.events.filter(isPushedEvent).filter((e) => e.type === 'WorkCenterStateChanged');
        if (states.length === 0) return;
        setPatches((prev) => {
          const next = new Map(prev);
          for (const e of states) next.set(e.data.workCenter, { state: e.data.state, at: e.at });
          return next;
        });
      }),
    [client],
  );

  if (!view || patches.size === 0) return view;
  return {
    ...view,
    workCenters: view.workCenters.map((wc) => {
      const p = patches.get(wc.id);
      return p && wc.quality === 'good' && (wc.stateSince === null || p.at > wc.stateSince) ? { ...wc, state: p.state, stateSince: p.at } : wc;
    }),
  };
}
