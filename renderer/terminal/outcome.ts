import type { OutputOf, WipItem } from '../../core';

type Completed = OutputOf<'completeOperation'>;

/** What happened to the last unit finished here, shown large until the next one. */
export interface UnitResult {
  readonly serial: string;
  /** pass: on to its next operation or complete; fail: scrapped or sent to rework; scrapped: by hand. */
  readonly result: 'pass' | 'fail';
  readonly unitStatus: string;
  readonly headline: string;
  readonly detail: string;
}

/** Where a unit waits now, in words ("operation 20 (Fit bonnet) on WC20"), from the line's WIP; null if not on the line. */
export function whereNext(serial: string, wip: readonly WipItem[] | null): string | null {
  const item = wip?.find((w) => w.serial === serial);
  return item ? `operation ${item.operation} (${item.operationName}) on ${item.workCenter}` : null;
}

/** The result banner for a completed operation: pass or fail, why, and where the unit goes next. */
export function completionResult(done: Completed, next: string | null): UnitResult {
  const { serial, operation, result, unitStatus, reason, reworkTo } = done;
  const base = { serial, result, unitStatus };
  if (result === 'pass') {
    if (unitStatus === 'completed') {
      return {
        ...base,
        headline: `PASS · ${serial} is complete`,
        detail: `Operation ${operation} passed; every operation of the routing is done.`,
      };
    }
    return {
      ...base,
      headline: `PASS · ${serial} operation ${operation}`,
      detail: next ? `Next: ${next}.` : 'Passed on to its next operation.',
    };
  }
  const why = reason ?? `operation ${operation} failed`;
  if (unitStatus === 'scrapped') {
    return { ...base, headline: `FAIL · ${serial} scrapped`, detail: `${why}. The routing rejects the unit: put it in the reject bin.` };
  }
  const to = next ?? (reworkTo !== null ? `operation ${reworkTo}` : 'rework');
  return { ...base, headline: `FAIL · ${serial} sent to rework`, detail: `${why}. Rework: ${to}.` };
}

export function scrapResult(serial: string, operation: number, reason: string): UnitResult {
  return {
    serial,
    result: 'fail',
    unitStatus: 'scrapped',
    headline: `SCRAPPED · ${serial}`,
    detail: `Scrapped at operation ${operation}: ${reason}.`,
  };
}
