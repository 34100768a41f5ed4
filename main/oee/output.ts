import type { Db } from '../store';

const MINUTE = 60_000;

/** A work center's output over a time: pieces made, good, scrapped, reworked, good first time, and their ideal time (s). */
export interface Output {
  readonly produced: number;
  readonly good: number;
  readonly scrap: number;
  readonly rework: number;
  readonly firstPass: number;
  /** Rejects within the startup window after a stop. */
  readonly startupScrap: number;
  readonly idealSeconds: number;
}

export const NO_OUTPUT: Output = { produced: 0, good: 0, scrap: 0, rework: 0, firstPass: 0, startupScrap: 0, idealSeconds: 0 };

export const addOutput = (a: Output, b: Output): Output => ({
  produced: a.produced + b.produced, good: a.good + b.good, scrap: a.scrap + b.scrap, rework: a.rework + b.rework,
  firstPass: a.firstPass + b.firstPass, startupScrap: a.startupScrap + b.startupScrap, idealSeconds: a.idealSeconds + b.idealSeconds,
});

/** Output by the minute it was recorded in: a period of whole minutes (shifts are) is counted exactly. */
export function outputReader(db: Db) {
  const sums = `sum(produced) AS produced, sum(good) AS good, sum(scrap) AS scrap, sum(rework) AS rework, sum(first_pass) AS firstPass, sum(startup_scrap) AS startupScrap, sum(ideal_ms) / 1000.0 AS idealSeconds`;
  const all = db.prepare(`SELECT ${sums} FROM oee_output WHERE work_center = ? AND minute >= ? AND minute < ?`);
  const ofOrder = db.prepare(`SELECT ${sums} FROM oee_output WHERE order_number = ? AND work_center = ? AND minute >= ? AND minute < ?`);
  const row = (r: Record<keyof Output, number | null> | undefined): Output =>
    r && r.produced !== null ? { produced: r.produced, good: r.good ?? 0, scrap: r.scrap ?? 0, rework: r.rework ?? 0, firstPass: r.firstPass ?? 0, startupScrap: r.startupScrap ?? 0, idealSeconds: r.idealSeconds ?? 0 } : NO_OUTPUT;
  return (workCenter: string, from: number, to: number, order?: string): Output => {
    const a = Math.floor(from / MINUTE);
    const b = Math.floor(to / MINUTE);
    return row((order === undefined ? all.get(workCenter, a, b) : ofOrder.get(order, workCenter, a, b)) as Record<keyof Output, number | null> | undefined);
  };
}
