import { useEffect, useState } from 'react';
import type { HistorySeries, TagRef } from '../../core';
import { useClient } from '../shell/context';
import { resolveRange, tagLabel, type TrendRange } from './model';

const FOLLOW_EVERY_MS = 5_000;

export interface HistoryState {
  readonly series: readonly HistorySeries[];
  readonly window: { readonly from: number; readonly to: number } | null;
  /** While a new selection is being read: how many tags are done. Follow-mode re-reads do not show it. */
  readonly progress: { readonly done: number; readonly total: number } | null;
  readonly errors: readonly string[];
  readonly readAt: Date | null;
}

const EMPTY: HistoryState = { series: [], window: null, progress: null, errors: [], readAt: null };

/** Reads the history of every tag (in parallel) for the range; in follow mode re-reads the sliding window every few seconds. */
export function useHistory(tags: readonly TagRef[], range: TrendRange, maxPoints: number, follow: boolean): HistoryState {
  const client = useClient();
  const [state, setState] = useState<HistoryState>(EMPTY);
  const key = JSON.stringify({ tags, range, maxPoints, follow });

  useEffect(() => {
    const {
      tags: wanted,
      range: r,
      maxPoints: max,
      follow: live,
    } = JSON.parse(key) as { tags: TagRef[]; range: TrendRange; maxPoints: number; follow: boolean };
    let alive = true;
    let inFlight = false;

    const load = async (first: boolean) => {
      if (inFlight) return;
      const window = resolveRange(r);
      if ('error' in window) return setState({ ...EMPTY, errors: [window.error] });
      if (wanted.length === 0) return setState(EMPTY);
      inFlight = true;
      let done = 0;
      if (first) setState((s) => ({ ...s, progress: { done: 0, total: wanted.length }, errors: [] }));
      const results = await Promise.all(
        wanted.map(async (tag) => {
          const result = await client.call('history', { ...tag, from: window.from, to: window.to, maxPoints: max });
          done += 1;
          if (alive && first) setState((s) => ({ ...s, progress: { done, total: wanted.length } }));
          return { tag, result };
        }),
      );
      inFlight = false;
      if (!alive) return;
      const series: HistorySeries[] = [];
      const errors: string[] = [];
      for (const { tag, result } of results) {
        if (result.ok) series.push(result.value);
        else errors.push(`${tagLabel(tag)}: ${result.error.message}`);
      }
      setState({ series, window: { from: Date.parse(window.from), to: Date.parse(window.to) }, progress: null, errors, readAt: new Date() });
    };

    void load(true);
    const timer = live && r.kind === 'last' ? setInterval(() => void load(false), FOLLOW_EVERY_MS) : null;
    return () => {
      alive = false;
      if (timer !== null) clearInterval(timer);
    };
  }, [client, key]);

  return state;
}
