import { ACCOUNT_EVENT_TYPES, ErrorCode, can, fail, ok, type PlantContract, type PlantOperationName, type Result } from '../../core';
import type pg from 'pg';
import type { z } from 'zod';
import type { PlantSessions, PlantUser } from './plant-accounts';
import type { PlantReads } from './plant-reads';
import type { PlantReleases } from './releases';
import { resumeStation } from './stations';
import { UnknownStationError } from './unknown-station';

export interface PlantCaller {
  readonly user: PlantUser | null;
  readonly token: string | null;
}

type Handlers = { [K in PlantOperationName]: (input: z.output<PlantContract[K]['input']>, caller: PlantCaller) => Promise<Result<unknown>> };

/** A request about a line: a station the plant does not know is "not found", said as such. */
async function aboutLine<T>(work: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UnknownStationError) return fail(ErrorCode.notFound, error.message);
    throw error;
  }
}

/** A read about a line; nothing there (null) is "not found" too, said with `missing`. */
const onLine = <T>(read: () => Promise<T | null>, missing: string): Promise<Result<T>> =>
  aboutLine(async () => {
    const value = await read();
    return value === null ? fail(ErrorCode.notFound, missing) : ok(value);
  });

/** The plant API's operations: reads, an engineer's decision on a refused log, and releases to the lines (which each line's station takes and decides on itself). */
export function createPlantHandlers(
  pool: pg.Pool,
  reads: PlantReads,
  releases: PlantReleases,
  sessions: PlantSessions,
  now: () => Date = () => new Date(),
): Handlers {
  return {
    plantLogin: (input) => sessions.signIn(input.username, input.password),
    plantLogout: (_input, caller) => Promise.resolve(ok({ ended: sessions.end(caller.token) })),
    plantOverview: async () => ok(await reads.overview()),
    plantRecall: async (input, caller) => {
      const list = await reads.recall(input.lot);
      if (input.format === 'json') return ok(list);
      const by = caller.user ? `${caller.user.displayName} (${caller.user.username})` : 'unknown';
      return ok({ fileName: `recall-${input.lot.replace(/[^A-Za-z0-9._-]/g, '_')}.csv`, csv: reads.recallCsv(list, input.lot, now().toISOString(), by) });
    },
    plantGenealogyGraph: async (input) => ok(await reads.graph(input)),
    plantBuildOf: async (input) => ok(await reads.buildOf(input.serial)),
    plantLineOrders: (input) => onLine(() => reads.lineOrders(input.station, input.status), ''),
    plantLineWip: (input) => onLine(() => reads.lineWip(input.station), ''),
    plantLineAsBuilt: (input) => onLine(() => reads.lineAsBuilt(input.station, input.serial), `No unit with serial ${input.serial} was built on ${input.station}.`),
    plantLineAudit: (input, caller) => {
      const { station, before, limit, ...filter } = input;
      const hidden = caller.user && can(caller.user.role, 'audit.view') ? [] : ACCOUNT_EVENT_TYPES;
      return onLine(() => reads.lineAudit(station, { ...filter, ...(before !== undefined ? { before } : {}), limit }, hidden), '');
    },
    plantLineVerify: (input) => onLine(() => reads.lineVerify(input.station), ''),
    plantLineResume: async (input, caller) => {
      const r = await onLine(() => resumeStation(pool, input.station, input.decision, caller.user ? caller.user.username : 'unknown'), '');
      return r.ok && r.value.decided === 0 ? fail(ErrorCode.conflict, `${input.station}'s log is not stopped at the plant: there is nothing to decide.`) : r;
    },
    plantOee: (input) => reads.oee(input),
    plantLosses: (input) => reads.losses(input),
    plantSpc: async () => ok(await reads.spc()),
    plantLineShiftReport: (input, caller) => {
      const made = { by: caller.user ? `${caller.user.displayName} (${caller.user.username}) at the plant` : 'unknown', at: now().toISOString() };
      return aboutLine(() => reads.lineShiftReport(input.station, input.shift, input.format, made));
    },
    plantLineSpcChart: (input) => {
      const { station, ...q } = input;
      return aboutLine(() => reads.lineSpcChart(station, q));
    },
    plantRelease: async (input, caller) => ok(await releases.release(input, caller.user ? caller.user.username : 'unknown')),
    plantReleases: async () => ok(await releases.list()),
  };
}
