import { LINE_TAGS, WORK_CENTER_TAGS, plcNodeId, type Disposable, type Driver, type EquipmentModel, type RecordedEvent, type TagValue } from '../../core';
import type { Commands } from './commands';
import type { Log } from './log';

type Kind = 'state' | 'serial' | 'cycleCount' | 'nextSerial';
interface TagRef {
  readonly kind: Kind;
  readonly workCenter: string;
}

const ACTOR = 'line-plc';
/** Dispatch-list changes that may let the line take a new part. */
const FEED_TRIGGERS = new Set(['OrderQueued', 'OrderMoved', 'OrderResumed', 'OrderDispatched', 'UnitScrapped']);

/**
 * Turns the line PLC's signals into domain commands (unit arrived, operation completed, state changed) and feeds
 * the next unit of the dispatch list to the line through the NextSerial handshake. Notifications are handled one at
 * a time, in the order they arrive.
 */
export class LineController {
  private readonly tags = new Map<string, TagRef>();
  private readonly cycleBaseline = new Map<string, number>();
  /** Arrivals seen before the previous operation's completion was recorded: retried after it. */
  private readonly earlyArrivals = new Map<string, string>();
  private chain: Promise<void> = Promise.resolve();
  private nextSerialEmpty = false;
  private feeding = false;
  private unsent: string | null = null;
  private subscription: Disposable | null = null;
  private disposed = false;

  constructor(
    private readonly driver: Driver,
    private readonly equipment: EquipmentModel,
    private readonly commands: Commands,
    private readonly log: Log,
  ) {
    const line = equipment.line.id;
    for (const wc of equipment.line.workCenters) {
      this.tags.set(plcNodeId(line, wc.plcFolder, WORK_CENTER_TAGS.state), { kind: 'state', workCenter: wc.id });
      this.tags.set(plcNodeId(line, wc.plcFolder, WORK_CENTER_TAGS.serial), { kind: 'serial', workCenter: wc.id });
      this.tags.set(plcNodeId(line, wc.plcFolder, WORK_CENTER_TAGS.cycleCount), { kind: 'cycleCount', workCenter: wc.id });
    }
    this.tags.set(plcNodeId(line, LINE_TAGS.nextSerial), { kind: 'nextSerial', workCenter: '' });
  }

  async start(): Promise<void> {
    this.subscription = await this.driver.subscribe([...this.tags.keys()], (tag, value) => this.enqueue(tag, value), {
      samplingIntervalMs: 50,
      publishingIntervalMs: 100,
    });
  }

  /** Called with every committed batch: a newly dispatched or moved order may be fed now. */
  onCommitted(events: readonly RecordedEvent[]): void {
    if (events.some((e) => FEED_TRIGGERS.has(e.type))) this.enqueueFeed();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.subscription?.dispose();
    await this.chain;
  }

  private enqueue(tag: string, value: TagValue): void {
    this.chain = this.chain.then(() => this.handle(tag, value)).catch((e: unknown) => this.log.error(`handling ${tag}`, e));
  }

  private enqueueFeed(): void {
    this.chain = this.chain.then(() => this.feed()).catch((e: unknown) => this.log.error('feeding the line', e));
  }

  private async handle(tag: string, value: TagValue): Promise<void> {
    const ref = this.tags.get(tag);
    if (!ref || this.disposed) return;
    if (value.quality !== 'good') {
      if (ref.kind === 'nextSerial') this.nextSerialEmpty = false;
      return;
    }
    const v = value.value;
    switch (ref.kind) {
      case 'state':
        return this.report(await this.commands.recordMachineState(ref.workCenter, String(v), ACTOR), `state of ${ref.workCenter}`);
      case 'serial': {
        const serial = String(v ?? '');
        if (serial === '') return;
        const r = await this.commands.arrive(serial, ref.workCenter, ACTOR);
        if (!r.ok && r.error.code === 'routing_violation') this.earlyArrivals.set(serial, ref.workCenter);
        else this.report(r, `arrival of ${serial} at ${ref.workCenter}`);
        return;
      }
      case 'cycleCount':
        return this.cycle(ref.workCenter, Number(v));
      case 'nextSerial':
        this.nextSerialEmpty = String(v ?? '') === '';
        if (this.nextSerialEmpty) await this.feed();
        return;
    }
  }

  private async cycle(workCenter: string, count: number): Promise<void> {
    const before = this.cycleBaseline.get(workCenter);
    this.cycleBaseline.set(workCenter, count);
    if (before === undefined || count <= before) return;
    if (count - before > 1) this.log.warn(`${workCenter}: ${count - before - 1} cycle(s) finished while not watched; their results are not recorded`);
    const folder = this.equipment.line.workCenters.find((w) => w.id === workCenter)?.plcFolder ?? workCenter;
    const id = (t: string) => plcNodeId(this.equipment.line.id, folder, t);
    const [serial, result, measurement, name] = await this.driver.read([
      id(WORK_CENTER_TAGS.lastSerial),
      id(WORK_CENTER_TAGS.lastResult),
      id(WORK_CENTER_TAGS.lastMeasurement),
      id(WORK_CENTER_TAGS.measurementName),
    ]);
    if (!serial || serial.quality !== 'good' || !serial.value) {
      this.log.warn(`${workCenter}: cycle ${count} finished but its serial could not be read; not recorded`);
      return;
    }
    const readings = measurement?.quality === 'good' && name?.value ? [{ name: String(name.value), value: Number(measurement.value) }] : [];
    const machineResult = result?.value === 'good' ? 'good' : 'reject';
    const s = String(serial.value);
    this.report(await this.commands.completeOperation(s, workCenter, readings, machineResult, ACTOR), `operation of ${s} at ${workCenter}`);
    const early = this.earlyArrivals.get(s);
    if (early !== undefined) {
      this.earlyArrivals.delete(s);
      this.report(await this.commands.arrive(s, early, ACTOR), `arrival of ${s} at ${early}`);
    }
  }

  private async feed(): Promise<void> {
    if (this.feeding || !this.nextSerialEmpty || this.disposed) return;
    this.feeding = true;
    try {
      let serial = this.unsent;
      if (serial === null) {
        const r = await this.commands.startNextUnit(ACTOR);
        if (!r.ok) return this.log.warn(`cannot start the next unit: ${r.error.message}`);
        serial = r.value;
      }
      if (serial === null) return;
      this.unsent = serial;
      await this.driver.write(plcNodeId(this.equipment.line.id, LINE_TAGS.nextSerial), serial);
      this.unsent = null;
      this.nextSerialEmpty = false;
    } catch (error) {
      this.log.warn(`could not hand serial ${this.unsent ?? ''} to the line PLC (will retry): ${(error as Error).message}`);
    } finally {
      this.feeding = false;
    }
  }

  private report(r: { ok: boolean; error?: { code: string; message: string } }, what: string): void {
    if (!r.ok) this.log.warn(`${what} not recorded: ${r.error?.message ?? 'refused'}`);
  }
}
