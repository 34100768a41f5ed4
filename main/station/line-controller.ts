import type { CommandContext, LineMapping, RecordedEvent, TagRef, TagValue, WorkCenterMapping } from '../../core';
import type { Commands } from './commands';
import type { Decided } from './exec';
import type { ConnectionManager } from './connections';
import type { Log } from './log';
import type { TagCache } from './tag-cache';

const ACTOR = 'line-plc';
/** Dispatch-list changes that may let the line take a new part. */
const FEED_TRIGGERS = new Set(['OrderQueued', 'OrderMoved', 'OrderResumed', 'OrderDispatched', 'UnitScrapped']);

/**
 * Turns the line's signals, as mapped by the engineer, into domain commands (unit arrived, operation completed,
 * state changed) and feeds the next unit of the dispatch list to the line through the NextSerial handshake.
 * Each work center's signals are handled one at a time, in the order they arrive; work centers do not wait for
 * each other, and state changes go straight to the store (which keeps their order).
 */
export class LineController {
  private readonly cycleBaseline = new Map<string, number>();
  private readonly offs: (() => void)[] = [];
  private readonly chains = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly completionWaiters = new Map<string, (() => void)[]>();
  private nextSerialEmpty = false;
  private feeding = false;
  private unsent: string | null = null;
  private disposed = false;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly cache: TagCache,
    private readonly mapping: LineMapping,
    private readonly commands: Commands,
    private readonly log: Log,
  ) {}

  start(): void {
    for (const wc of this.mapping.workCenters) {
      const { state, serial, cycleCount } = wc.signals;
      if (state) this.on(state, null, (v) => this.report(this.commands.recordMachineState(wc.workCenter, String(v), this.plc()), `state of ${wc.workCenter}`));
      if (serial) this.on(serial, wc.workCenter, (v) => this.arrive(String(v ?? ''), wc.workCenter));
      if (cycleCount) this.on(cycleCount, wc.workCenter, (v) => this.cycle(wc, Number(v)));
    }
    const next = this.mapping.nextSerial;
    if (next) {
      const seen = (value: TagValue) => {
        this.nextSerialEmpty = value.quality === 'good' && String(value.value ?? '') === '';
        if (this.nextSerialEmpty) this.enqueue('feed', () => this.feed());
      };
      this.offs.push(this.cache.listen(next, (_ref, value) => seen(value)));
      const now = this.cache.get(next);
      if (now) seen(now);
    }
  }

  /** Called with every committed batch: a newly dispatched or moved order may be fed now. */
  onCommitted(events: readonly RecordedEvent[]): void {
    if (events.some((e) => FEED_TRIGGERS.has(e.type))) this.enqueue('feed', () => this.feed());
    if (this.completionWaiters.size === 0) return;
    for (const e of events) {
      if (e.type !== 'OperationCompleted') continue;
      for (const wake of [...(this.completionWaiters.get(e.data.serial) ?? [])]) wake();
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const off of this.offs.splice(0)) off();
    for (const t of this.timers) clearTimeout(t);
    for (const wakes of [...this.completionWaiters.values()]) for (const wake of wakes) wake();
    await Promise.all(this.chains.values());
  }

  /** Good values of a tag, handled in turn on the given lane (null: straight away); a current value at once. */
  private on(ref: TagRef, lane: string | null, handle: (value: TagValue['value']) => Promise<void> | void): void {
    const run = (value: TagValue) => {
      if (value.quality !== 'good' || this.disposed) return;
      if (lane === null) void Promise.resolve(handle(value.value)).catch((e: unknown) => this.log.error('line controller', e));
      else this.enqueue(lane, () => handle(value.value));
    };
    this.offs.push(this.cache.listen(ref, (_r, v) => run(v)));
    const now = this.cache.get(ref);
    if (now) run(now);
  }

  private enqueue(lane: string, step: () => Promise<void> | void): void {
    const next = (this.chains.get(lane) ?? Promise.resolve())
      .then(() => (this.disposed ? undefined : step()))
      .catch((e: unknown) => this.log.error('line controller', e));
    this.chains.set(lane, next);
  }

  /** What the line's PLC signals do is recorded as the PLC's. */
  private plc(): CommandContext {
    return this.commands.context(ACTOR, { source: 'plc' });
  }

  /**
   * The signals of two machines race: a unit may be seen at the next work center (arriving, or even finishing there)
   * before its previous operation's completion is recorded. This work center's lane then waits for that completion
   * (up to 10 s, a few times), so that nothing of this work center is handled out of order, and tries again.
   */
  private async patiently(serial: string, workCenter: string, attempt: () => Promise<Decided>): Promise<Decided> {
    const order = this.mapping.workCenters.map((w) => w.workCenter);
    // Worth waiting for only if the unit is still due at a work center before this one.
    const behind = (r: Decided): boolean => {
      if (r.ok || r.error.code !== 'routing_violation') return false;
      const expected = (r.error.details as { expectedWorkCenter?: string } | undefined)?.expectedWorkCenter;
      return expected !== undefined && order.indexOf(expected) >= 0 && order.indexOf(expected) < order.indexOf(workCenter);
    };
    let r = await attempt();
    for (let tries = 0; behind(r) && tries < 3 && !this.disposed; tries += 1) {
      const completed = this.nextCompletionOf(serial, 10_000);
      // The completion may have been recorded between the refusal and the wait: try once at once.
      r = await attempt();
      if (!behind(r)) break;
      await completed;
      r = await attempt();
    }
    return r;
  }

  private async arrive(serial: string, workCenter: string): Promise<void> {
    if (serial === '') return;
    await this.report(this.patiently(serial, workCenter, () => this.commands.arrive(serial, workCenter, this.plc())), `arrival of ${serial} at ${workCenter}`);
  }

  /** Resolves when an operation of this unit is recorded as completed, or after the timeout. */
  private nextCompletionOf(serial: string, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(t);
        this.timers.delete(t);
        const rest = (this.completionWaiters.get(serial) ?? []).filter((w) => w !== done);
        if (rest.length > 0) this.completionWaiters.set(serial, rest);
        else this.completionWaiters.delete(serial);
        resolve();
      };
      const t = setTimeout(done, timeoutMs);
      this.timers.add(t);
      this.completionWaiters.set(serial, [...(this.completionWaiters.get(serial) ?? []), done]);
    });
  }

  private async cycle(wc: WorkCenterMapping, count: number): Promise<void> {
    const before = this.cycleBaseline.get(wc.workCenter);
    this.cycleBaseline.set(wc.workCenter, count);
    if (before === undefined || count <= before) return;
    if (count - before > 1) this.log.warn(`${wc.workCenter}: ${count - before - 1} cycle(s) finished while not watched; their results are not recorded`);
    const s = wc.signals;
    // Read, not cached: the cycle's record and its counter may arrive in different notifications.
    const [serial, result, measurement, name] = await Promise.all([s.lastSerial, s.lastResult, s.lastMeasurement, s.measurementName].map((ref) => this.read(ref)));
    if (!serial || serial.quality !== 'good' || !serial.value) {
      this.log.warn(`${wc.workCenter}: cycle ${count} finished but its serial could not be read; not recorded`);
      return;
    }
    const readings = measurement?.quality === 'good' && name?.value ? [{ name: String(name.value), value: Number(measurement.value) }] : [];
    const machineResult = result === undefined || result.value === 'good' ? 'good' : 'reject';
    const unit = String(serial.value);
    await this.report(
      this.patiently(unit, wc.workCenter, () => this.commands.completeOperation(unit, wc.workCenter, readings, machineResult, this.plc())),
      `operation of ${unit} at ${wc.workCenter}`,
    );
  }

  private async read(ref: TagRef | undefined): Promise<TagValue | undefined> {
    if (!ref) return undefined;
    const driver = this.connections.driver(ref.connection);
    if (!driver) return undefined;
    return (await driver.read([ref.address]))[0];
  }

  private async feed(): Promise<void> {
    const ref = this.mapping.nextSerial;
    if (!ref || this.feeding || !this.nextSerialEmpty || this.disposed) return;
    this.feeding = true;
    try {
      let serial = this.unsent;
      if (serial === null) {
        const r = await this.commands.startNextUnit(this.plc());
        if (!r.ok) return this.log.warn(`cannot start the next unit: ${r.error.message}`);
        serial = r.value;
      }
      if (serial === null) return;
      this.unsent = serial;
      const driver = this.connections.driver(ref.connection);
      if (!driver) throw new Error(`connection ${ref.connection} is not configured`);
      await driver.write(ref.address, serial);
      this.unsent = null;
      this.nextSerialEmpty = false;
    } catch (error) {
      this.log.warn(`could not hand serial ${this.unsent ?? ''} to the line (will retry): ${(error as Error).message}`);
    } finally {
      this.feeding = false;
    }
  }

  private async report(pending: Promise<{ ok: boolean; error?: { message: string } }> | { ok: boolean; error?: { message: string } }, what: string): Promise<void> {
    const r = await pending;
    if (!r.ok) this.log.warn(`${what} not recorded: ${r.error?.message ?? 'refused'}`);
  }
}
