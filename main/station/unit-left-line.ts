import { findEvent, orderDecider, queueDecider, streams, type CommandContext, type DomainEvent } from '../../core';
import type { Tx } from '../store';
import { countsOf } from './command-base';
import { orderRow } from './facts';
import { exec, must } from './exec';

/**
 * A unit left the line (built or scrapped, at a work center or by a change's disposition): its order counts it,
 * completes when it has all, and leaves the line's dispatch list.
 */
export function unitLeftLine(tx: Tx, lineId: string, events: readonly DomainEvent[], ctx: CommandContext): DomainEvent[] {
  const orderNumber = (findEvent(events, 'UnitCompleted') ?? findEvent(events, 'UnitScrapped'))?.data.order;
  if (orderNumber === undefined) return [];
  const row = orderRow(tx.db, orderNumber);
  const outcome = must(exec(tx, streams.order(orderNumber), orderDecider, { type: 'RecordUnitOutcome', counts: countsOf(row) }, ctx));
  const done = outcome.some((e) => e.type === 'OrderCompleted')
    ? must(exec(tx, streams.queue(lineId), queueDecider, { type: 'Dequeue', line: lineId, number: orderNumber }, ctx))
    : [];
  return [...outcome, ...done];
}
