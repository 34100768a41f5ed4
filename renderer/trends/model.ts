import type { HistorySeries, TagRef } from '../../core';

export type TrendRange =
  { readonly kind: 'last'; readonly minutes: number } | { readonly kind: 'custom'; readonly from: string; readonly to: string };

export const LAST_RANGES: readonly { minutes: number; label: string }[] = [
  { minutes: 10, label: 'Last 10 min' },
  { minutes: 60, label: 'Last 1 h' },
  { minutes: 480, label: 'Last 8 h (shift)' },
];

export const tagId = (t: TagRef): string => `${t.connection}|${t.address}`;
export { shortTag as tagLabel } from '../shell/tags';

/** The absolute window a range means now (ISO, for the history call). */
export function resolveRange(range: TrendRange, now = Date.now()): { from: string; to: string } | { error: string } {
  if (range.kind === 'last') return { from: new Date(now - range.minutes * 60_000).toISOString(), to: new Date(now).toISOString() };
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return { error: 'Enter both a start and an end time.' };
  if (from >= to) return { error: 'The start must be before the end.' };
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

export interface SeriesStats {
  readonly last: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly points: number;
  /** Stretches without good data (bad quality), as [from, to] epoch ms. */
  readonly gaps: readonly (readonly [number, number])[];
}

/** Runs of bad-quality points: each lasts until the next point that is not bad (or the end of the window). */
export function badRuns(series: HistorySeries, windowEnd: number): [number, number][] {
  const runs: [number, number][] = [];
  let start: number | null = null;
  for (const [t, , quality] of series.points) {
    if (quality === 'bad' && start === null) start = t;
    else if (quality !== 'bad' && start !== null) {
      runs.push([start, t]);
      start = null;
    }
  }
  if (start !== null) runs.push([start, Math.max(start, windowEnd)]);
  return runs;
}

export function stats(series: HistorySeries, windowEnd: number): SeriesStats {
  let min: number | null = null;
  let max: number | null = null;
  let last: number | null = null;
  for (const [, value, quality] of series.points) {
    if (value === null || quality === 'bad') continue;
    min = min === null ? value : Math.min(min, value);
    max = max === null ? value : Math.max(max, value);
    last = value;
  }
  return { last, min, max, points: series.points.length, gaps: badRuns(series, windowEnd) };
}

export const formatNumber = (v: number | null): string =>
  v === null ? '–' : Number.isInteger(v) ? String(v) : v.toPrecision(5).replace(/\.?0+$/, '');
