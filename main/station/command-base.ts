import type { CommandContext, ProductDefinition, Result, UnitCounts } from '../../core';
import type { EventStore, Tx } from '../store';
import type { Clock } from './clock';
import { newContext } from './context';
import { submitWhole } from './exec';
import { orderRow, productDefinition } from './facts';
import type { LineRef } from './line-setup';

export interface OrderRow {
  number: string;
  product: string;
  revision: string;
  status: string;
  units_started: number;
  units_good: number;
  units_scrapped: number;
  quantity: number;
  due_date: string;
  priority: number;
  tracking: 'serial' | 'lot';
  /** A configurable product's option values (JSON), null for none. */
  options: string | null;
}

export const countsOf = (row: OrderRow | undefined): UnitCounts => ({
  started: row?.units_started ?? 0,
  good: row?.units_good ?? 0,
  scrapped: row?.units_scrapped ?? 0,
});

/** What every command of the station shares: its store, clock and line, and the steps of one command. */
export abstract class CommandBase {
  constructor(
    protected readonly store: EventStore,
    protected readonly clock: Clock,
    /** The line these commands build on: set up by engineers (LineSetups), or fixed in tools and tests (fixedLine). */
    protected readonly line: LineRef,
  ) {}

  /** The line's id; empty while no line is set up (nothing is dispatched then: see orderAction). */
  protected get lineId(): string {
    return this.line.id ?? '';
  }

  /** A context for a command that a station function gives (the PLC, the drop folder, start-up), made now. */
  context(actor: string, extra: { source?: string; reason?: string; correlationId?: string } = {}): CommandContext {
    return newContext(this.clock, actor, extra);
  }

  /** One command in the store's next group; a later step's refusal (Refused) rolls the whole command back. */
  protected submit<T>(work: (tx: Tx) => Result<T>): Promise<Result<T>> {
    return submitWhole(this.store, work);
  }

  protected order(tx: Tx, number: string): OrderRow | undefined {
    return orderRow(tx.db, number);
  }

  protected definition(tx: Tx, product: string, revision: string): ProductDefinition | null {
    return productDefinition(tx.db, product, revision);
  }
}
