import { clipSpans, lossWaterfall, plannedSpans, type LossInputs, type LossesView, type ShiftTimes } from '../../core';
import type { Db } from '../store';
import { downtimeReader, isMicro, stopWithin } from './downtime-reads';
import type { OeeLine, OeeReads } from './oee-reads';
import { outputReader } from './output';
import type { SettingsVersions } from './settings-versions';

const ZERO: ShiftTimes = { pot: 0, pdt: 0, pbt: 0, apt: 0, adot: 0, adet: 0, unknown: 0 };

/**
 * The losses of the shifts in a time, for a work center or the whole line: the waterfall from planned to fully
 * productive time and the six big losses, downtime by reason and scrap by reason (each a Pareto, largest first).
 */
export function lossesReads(db: Db, reads: OeeReads, versions: SettingsVersions, now: () => number) {
  const stops = downtimeReader(db);
  const output = outputReader(db);
  const scrap = db.prepare('SELECT reason, sum(n) AS n FROM oee_scrap_reasons WHERE work_center = ? AND minute >= ? AND minute < ? GROUP BY reason');

  return (l: OeeLine, from: number, to: number, workCenter?: string): LossesView => {
    const t = now();
    const shifts = reads.shifts(l.id, from, to);
    const times = { ...ZERO };
    const sum: { -readonly [K in keyof Omit<LossInputs, 'times' | 'stops'>]: number } = { produced: 0, good: 0, startupScrap: 0, idealSeconds: 0, reported: 0 };
    const byStop = { breakdown: 0, setup: 0, smallStop: 0 };
    const downtime = new Map<string, { code: string | null; label: string; loss: string | null; seconds: number; stops: number }>();
    const scrapBy = new Map<string, number>();
    const micro = { count: 0, seconds: 0 };
    let unreasoned = 0;
    const addDowntime = (code: string | null, label: string, loss: string | null, seconds: number) => {
      const key = code ?? label;
      const d = downtime.get(key) ?? { code, label, loss, seconds: 0, stops: 0 };
      d.seconds += seconds;
      d.stops += 1;
      downtime.set(key, d);
    };
    for (const wc of l.workCenters.filter((w) => workCenter === undefined || w.id === workCenter)) {
      for (const s of shifts) {
        const part = reads.shiftPart(l.id, wc, s);
        if (part.source === 'none') continue;
        for (const k of Object.keys(times) as (keyof ShiftTimes)[]) times[k] += part.times[k];
        sum.produced += part.quantities.produced;
        sum.good += part.quantities.good;
        sum.idealSeconds += part.idealSeconds;
        if (part.source === 'report') {
          sum.reported += part.times.adot;
          if (part.times.adot > 0) addDowntime(null, 'Reported by hand', null, part.times.adot);
          continue;
        }
        sum.startupScrap += output(wc.id, s.start, s.end).startupScrap;
        for (const r of scrap.all(wc.id, Math.floor(s.start / 60_000), Math.floor(s.end / 60_000)) as { reason: string; n: number }[]) scrapBy.set(r.reason, (scrapBy.get(r.reason) ?? 0) + r.n);
        const busy = clipSpans(plannedSpans(s).busy, t);
        const microMs = (versions.timeClassSettingsAt(l.id, s.end)?.microStopSeconds ?? 120) * 1000;
        for (const stop of stops.overlapping(wc.id, s.start, Math.min(s.end, t))) {
          const seconds = stopWithin(stop, busy, t) / 1000;
          if (seconds <= 0) continue;
          if (isMicro(stop, t, microMs)) {
            byStop.smallStop += seconds;
            micro.count += 1;
            micro.seconds += seconds;
          } else if (stop.reason) {
            byStop[stop.reason.loss === 'setup' ? 'setup' : stop.reason.loss === 'small-stop' ? 'smallStop' : 'breakdown'] += seconds;
            addDowntime(stop.reason.code, stop.reason.path.join(' › '), stop.reason.loss, seconds);
          } else {
            unreasoned += 1;
            addDowntime(null, 'No reason given', null, seconds);
          }
        }
      }
    }
    if (micro.count > 0) downtime.set('(micro)', { code: null, label: 'Micro-stops (grouped)', loss: 'small-stop', seconds: micro.seconds, stops: micro.count });
    const w = lossWaterfall({ times, ...sum, stops: byStop });
    return {
      from: new Date(from).toISOString(), to: new Date(to).toISOString(), workCenter: workCenter ?? null, shifts: shifts.map((s) => s.id),
      waterfall: w.bars, six: w.six,
      downtimePareto: [...downtime.values()].sort((a, b) => b.seconds - a.seconds),
      scrapPareto: [...scrapBy.entries()].map(([reason, pieces]) => ({ reason, pieces })).sort((a, b) => b.pieces - a.pieces),
      microStops: micro, unreasonedStops: unreasoned,
    };
  };
}
