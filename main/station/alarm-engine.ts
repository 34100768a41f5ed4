import { alarmDecider, conditionActive, streams, type AlarmDefinition, type AlarmPriority, type CommandContext } from '../../core';
import type { EventStore, Tx } from '../store';
import type { Clock } from './clock';
import { newContext } from './context';
import { exec, type Decided } from './exec';
import type { Log } from './log';
import type { TagCache } from './tag-cache';

/**
 * Evaluates the alarm definitions against live tag values and records every ISA-18.2 transition as an event.
 * The condition is checked in memory on each value; only a change of condition becomes a command.
 */
export class AlarmEngine {
  private offs: (() => void)[] = [];
  private readonly active = new Map<string, boolean>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly cache: TagCache,
    private readonly clock: Clock,
    private readonly log: Log,
  ) {
    for (const r of store.db.prepare('SELECT id, active FROM alarms').all() as { id: string; active: number }[]) this.active.set(r.id, r.active === 1);
  }

  apply(definitions: readonly AlarmDefinition[]): void {
    for (const off of this.offs.splice(0)) off();
    for (const def of definitions) {
      const check = (value: unknown, quality: string) => {
        if (quality !== 'good') return;
        const was = this.active.get(def.id) ?? false;
        const now = conditionActive(def, value, was);
        if (now === was) return;
        this.active.set(def.id, now);
        void this.run((tx, meta) =>
          exec(tx, streams.alarm(def.id), alarmDecider, { type: 'Evaluate', id: def.id, active: now, value, priority: def.priority, message: def.message }, meta),
        ).then((r) => {
          if (!r.ok) this.log.warn(`alarm ${def.id}: ${r.error.message}`);
        });
      };
      this.offs.push(this.cache.listen(def.tag, (_ref, v) => check(v.value, v.quality)));
      const current = this.cache.get(def.tag);
      if (current) check(current.value, current.quality);
    }
    if (!this.timer) this.timer = setInterval(() => this.expireShelves(), 5_000);
  }

  /**
   * A condition of the station itself, not of a tag (the log waiting too long for the plant, say): raised and
   * returned like any alarm, by the same ISA-18.2 rules.
   */
  system(id: string, active: boolean, priority: AlarmPriority, message: string, value: unknown = null): void {
    if ((this.active.get(id) ?? false) === active) return;
    this.active.set(id, active);
    void this.run((tx, meta) => exec(tx, streams.alarm(id), alarmDecider, { type: 'Evaluate', id, active, value, priority, message }, meta)).then((r) => {
      if (!r.ok) this.log.warn(`alarm ${id}: ${r.error.message}`);
    });
  }

  acknowledge(id: string, ctx: CommandContext, comment?: string): Promise<Decided> {
    return this.run((tx, meta) => exec(tx, streams.alarm(id), alarmDecider, { type: 'Acknowledge', id, by: ctx.actor, ...(comment ? { comment } : {}) }, meta), ctx);
  }

  shelve(id: string, ctx: CommandContext, until: string, reason: string): Promise<Decided> {
    return this.run((tx, meta) => exec(tx, streams.alarm(id), alarmDecider, { type: 'Shelve', id, by: ctx.actor, until, reason }, meta), ctx);
  }

  unshelve(id: string, ctx: CommandContext): Promise<Decided> {
    return this.run((tx, meta) => exec(tx, streams.alarm(id), alarmDecider, { type: 'Unshelve', id, by: ctx.actor }, meta), ctx);
  }

  dispose(): void {
    for (const off of this.offs.splice(0)) off();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private expireShelves(): void {
    const now = this.clock.now().toISOString();
    const due = this.store.db.prepare('SELECT id FROM alarms WHERE shelved_until IS NOT NULL AND shelved_until <= ?').pluck().all(now) as string[];
    for (const id of due) void this.run((tx, meta) => exec(tx, streams.alarm(id), alarmDecider, { type: 'ExpireShelve', id }, meta));
  }

  private run(step: (tx: Tx, meta: CommandContext) => Decided, ctx: CommandContext = newContext(this.clock, 'alarm-engine')): Promise<Decided> {
    return this.store.submit((tx) => step(tx, ctx));
  }
}
