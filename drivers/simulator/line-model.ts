import { commandTarget, type PackMLCommand, type PackMLState, type WORK_CENTER_TAGS } from '../../core';
import type { SimulatorProfile, WorkCenterProfile } from './profile';
import { createRandom, type Random } from './random';

/**
 * The PLC logic of a simulated assembly line, with no clock and no I/O: time only moves when step(nowMs) is
 * called, and all chance comes from a seeded generator, so the same seed and the same calls give the same
 * trace. A discrete-event loop inside step() makes the result independent of how often it is called.
 */
export type WorkCenterTag = keyof typeof WORK_CENTER_TAGS;

interface WorkCenterValueTypes {
  state: PackMLState;
  partPresent: boolean;
  serial: string;
  cycleCount: number;
  goodCount: number;
  rejectCount: number;
  lastSerial: string;
  lastResult: '' | 'good' | 'reject';
  lastMeasurement: number;
  measurementName: string;
  command: string;
}
/** The PLC data type of each work-center tag, by a name OPC UA and Sparkplug B both use for it. */
export const WORK_CENTER_TAG_TYPES: Readonly<Record<WorkCenterTag, 'String' | 'Boolean' | 'UInt32' | 'Double'>> = {
  state: 'String',
  partPresent: 'Boolean',
  serial: 'String',
  cycleCount: 'UInt32',
  goodCount: 'UInt32',
  rejectCount: 'UInt32',
  lastSerial: 'String',
  lastResult: 'String',
  lastMeasurement: 'Double',
  measurementName: 'String',
  command: 'String',
};

/** One value per PLC tag of a work center (fails to compile if core adds a tag the model does not set). */
export type WorkCenterValues = { [K in WorkCenterTag]: WorkCenterValueTypes[K] };

/** A value the PLC wrote, in the order it wrote them. */
export type LineChange =
  | { readonly atMs: number; readonly workCenterId: string; readonly tag: WorkCenterTag; readonly value: string | number | boolean }
  | { readonly atMs: number; readonly workCenterId: null; readonly tag: 'nextSerial'; readonly value: string };

export interface LineModelOptions {
  readonly seed?: number;
  /** 20 runs the line twenty times faster than the profile says. */
  readonly speed?: number;
  readonly startMs?: number;
  /** Least time (ms, not scaled by speed) a written NextSerial stays visible before the PLC takes it, so a write can be read back. */
  readonly handshakeMs?: number;
  /** Relative standard deviation of cycle times. */
  readonly cycleSpread?: number;
}

export interface LineStats {
  readonly loaded: number;
  readonly completed: number;
  readonly rejected: number;
  readonly inProcess: number;
}

export interface LineSnapshot {
  readonly nowMs: number;
  readonly nextSerial: string;
  readonly workCenters: readonly { readonly id: string; readonly plcFolder: string; readonly bufferedSerials: readonly string[]; readonly values: Readonly<WorkCenterValues> }[];
}

type RunState = 'Execute' | 'Holding' | 'Held' | 'Unholding';
interface Segment { readonly state: RunState; readonly untilMs: number }

interface Station {
  readonly profile: WorkCenterProfile;
  readonly values: WorkCenterValues;
  readonly buffer: string[];
  part: string | null;
  /** What is left of the running cycle; empty when the machine is not processing. */
  segments: Segment[];
  /** The part in the machine passed and waits for room downstream. */
  finished: boolean;
  forceReject: boolean;
  /** Measurement drift in standard deviations (fault injection). */
  drift: number;
  /** Cycles each part still here had at this machine (a part sent back for rework is measured anew). */
  readonly attempts: Map<string, number>;
  /** A state an operator commanded (Stopped, Held, Suspended, Aborted): the machine is paused in it. */
  override: PackMLState | null;
  pausedAtMs: number | null;
}

/** Where a commanded transition comes to rest in this model (acting states are passed through at once). */
const RESTING: Partial<Record<PackMLState, PackMLState | null>> = {
  Stopping: 'Stopped',
  Holding: 'Held',
  Suspending: 'Suspended',
  Aborting: 'Aborted',
  Clearing: 'Stopped',
  Resetting: null,
  Unholding: null,
  Unsuspending: null,
};

/** Holding and Unholding are brief transitions around a short stop (profile seconds). */
const TRANSITION_SECONDS = 0.5;

export class LineModel {
  readonly profile: SimulatorProfile;
  private readonly random: Random;
  private readonly seed: number;
  private readonly speed: number;
  private readonly handshakeMs: number;
  private readonly cycleSpread: number;
  private readonly stations: Station[];
  private nowMs: number;
  private nextSerial = '';
  private nextSerialAtMs = 0;
  private changes: LineChange[] = [];
  private counts = { loaded: 0, completed: 0, rejected: 0 };

  constructor(profile: SimulatorProfile, options: LineModelOptions = {}) {
    this.profile = profile;
    this.seed = options.seed ?? 1;
    this.random = createRandom(this.seed);
    this.speed = options.speed ?? 1;
    if (!(this.speed > 0)) throw new RangeError('speed must be a positive number');
    this.handshakeMs = options.handshakeMs ?? 200;
    this.cycleSpread = options.cycleSpread ?? 0.1;
    this.nowMs = options.startMs ?? 0;
    this.stations = profile.workCenters.map((wc) => ({
      profile: wc,
      values: {
        state: 'Idle', partPresent: false, serial: '', cycleCount: 0, goodCount: 0, rejectCount: 0,
        lastSerial: '', lastResult: '', lastMeasurement: 0, measurementName: wc.measurement.name, command: '',
      },
      buffer: [],
      part: null,
      segments: [],
      finished: false,
      forceReject: false,
      drift: 0,
      attempts: new Map(),
      override: null,
      pausedAtMs: null,
    }));
  }

  /** Advances the line to nowMs and returns what changed since the last call, in order. */
  step(nowMs: number): LineChange[] {
    for (let guard = 0; guard < 1_000_000; guard++) {
      this.settle();
      const due = this.nextEventMs();
      if (due === undefined || due > nowMs) break;
      this.nowMs = Math.max(this.nowMs, due);
      this.fireDueEvents();
    }
    this.nowMs = Math.max(this.nowMs, nowMs);
    this.settle();
    const changes = this.changes;
    this.changes = [];
    return changes;
  }

  /** What the MES writes: the serial of the next part to load ('' withdraws it). atMs first brings the line up to then. */
  writeNextSerial(serial: string, atMs = this.nowMs): void {
    this.changes = this.step(atMs); // kept for the next step() to hand out
    this.nextSerial = serial;
    this.nextSerialAtMs = this.nowMs;
    this.changes.push({ atMs: this.nowMs, workCenterId: null, tag: 'nextSerial', value: serial });
  }

  /**
   * An operator's PackML command, as the PLC takes it: refused (false) when PackML does not allow it in the current
   * state. Stop, Hold, Suspend and Abort pause the machine in that state; Reset, Unhold and Unsuspend resume it.
   */
  command(workCenterId: string, command: PackMLCommand, atMs = this.nowMs): boolean {
    this.changes = this.step(atMs);
    const index = this.stations.findIndex((s) => s.profile.id === workCenterId);
    const s = this.stations[index];
    if (!s) return false;
    const target = commandTarget(this.visibleState(index), command);
    if (target === undefined) return false;
    const rest = target in RESTING ? RESTING[target] : undefined;
    if (rest) {
      s.override = rest;
      s.pausedAtMs ??= this.nowMs;
    } else if (rest === null) {
      s.override = null;
      if (s.pausedAtMs !== null) {
        const paused = this.nowMs - s.pausedAtMs;
        s.segments = s.segments.map((seg) => ({ ...seg, untilMs: seg.untilMs + paused }));
        s.pausedAtMs = null;
      }
    }
    this.set(s, 'command', command);
    this.settle();
    return true;
  }

  /**
   * Fault injection: the machine faults as a PLC does (Aborting, then Aborted) and stays there until an operator
   * clears and resets it (Clear, Reset). False when the id is unknown or the machine is already stopped.
   */
  fault(workCenterId: string, atMs = this.nowMs): boolean {
    return this.command(workCenterId, 'Abort', atMs);
  }

  /** Fault injection: the work center's measurement drifts by this many standard deviations from now on (0: back). */
  drift(workCenterId: string, sigmas: number): boolean {
    const station = this.stations.find((s) => s.profile.id === workCenterId);
    if (station) station.drift = sigmas;
    return station !== undefined;
  }

  /** Test hook: the next cycle that ends at this work center rejects its part. False when the id is unknown. */
  forceReject(workCenterId: string): boolean {
    const station = this.stations.find((s) => s.profile.id === workCenterId);
    if (station) station.forceReject = true;
    return station !== undefined;
  }

  stats(): LineStats {
    const inProcess = this.stations.reduce((n, s) => n + s.buffer.length + (s.part === null ? 0 : 1), 0);
    return { ...this.counts, inProcess };
  }

  snapshot(): LineSnapshot {
    return {
      nowMs: this.nowMs,
      nextSerial: this.nextSerial,
      workCenters: this.stations.map((s) => ({ id: s.profile.id, plcFolder: s.profile.plcFolder, bufferedSerials: [...s.buffer], values: { ...s.values } })),
    };
  }

  private nextEventMs(): number | undefined {
    let due: number | undefined;
    const consider = (ms: number): void => {
      if (due === undefined || ms < due) due = ms;
    };
    for (const s of this.stations) if (s.segments[0] && s.pausedAtMs === null) consider(s.segments[0].untilMs);
    const takeAtMs = this.nextSerialAtMs + this.handshakeMs;
    if (this.nextSerial !== '' && takeAtMs > this.nowMs && this.hasRoom(0)) consider(takeAtMs);
    return due;
  }

  private fireDueEvents(): void {
    for (let i = this.stations.length - 1; i >= 0; i--) {
      const s = this.stations[i]!;
      while (s.pausedAtMs === null && s.segments[0] && s.segments[0].untilMs <= this.nowMs) {
        s.segments.shift();
        if (s.segments.length === 0) this.endCycle(s);
      }
    }
  }

  /** Moves parts as far as they can go at the current instant, then derives every station's visible state. */
  private settle(): void {
    let moved = true;
    while (moved) {
      moved = false;
      for (let i = this.stations.length - 1; i >= 0; i--) {
        const s = this.stations[i]!;
        if (s.pausedAtMs !== null) continue;
        if (s.part !== null && s.finished && this.passOn(i, s.part)) {
          s.part = null;
          s.finished = false;
          moved = true;
        }
        const next = s.part === null ? s.buffer.shift() : undefined;
        if (next !== undefined) {
          s.part = next;
          s.segments = this.planCycle(s.profile);
          moved = true;
        }
      }
      if (this.nextSerial !== '' && this.nowMs >= this.nextSerialAtMs + this.handshakeMs && this.hasRoom(0)) {
        this.stations[0]!.buffer.push(this.nextSerial);
        this.counts.loaded++;
        this.nextSerial = '';
        this.changes.push({ atMs: this.nowMs, workCenterId: null, tag: 'nextSerial', value: '' });
        moved = true;
      }
    }
    this.stations.forEach((s, i) => {
      this.set(s, 'partPresent', s.part !== null);
      this.set(s, 'serial', s.part ?? '');
      this.set(s, 'state', this.visibleState(i));
    });
  }

  private visibleState(index: number): PackMLState {
    const s = this.stations[index]!;
    if (s.override) return s.override;
    if (s.segments[0]) return s.segments[0].state;
    if (s.part !== null) return 'Suspended'; // blocked: finished, no room downstream
    return this.workUpstream(index) ? 'Suspended' : 'Idle'; // starved, or nothing to do
  }

  private workUpstream(index: number): boolean {
    if (this.nextSerial !== '') return true;
    return this.stations.some((s, j) => j <= index && (s.buffer.length > 0 || (j < index && s.part !== null)));
  }

  private hasRoom(index: number): boolean {
    return this.stations[index]!.buffer.length < this.profile.bufferCapacity;
  }

  /** Hands a good part to the next buffer, or out of the line after the last station. */
  private passOn(index: number, serial: string): boolean {
    if (index === this.stations.length - 1) {
      this.counts.completed++;
      return true;
    }
    if (!this.hasRoom(index + 1)) return false;
    this.stations[index + 1]!.buffer.push(serial);
    return true;
  }

  private planCycle(wc: WorkCenterProfile): Segment[] {
    const toMs = (seconds: number): number => (seconds * 1000) / this.speed;
    const spread = Math.max(0.5, 1 + this.cycleSpread * this.random.gaussian());
    const cycleMs = toMs(wc.cycleSeconds * spread);
    if (this.random.next() >= this.profile.shortStopProbability) return [{ state: 'Execute', untilMs: this.nowMs + cycleMs }];
    const [shortest, longest] = this.profile.shortStopSeconds;
    const stopMs = toMs(this.random.between(shortest, longest));
    const transitionMs = toMs(TRANSITION_SECONDS);
    const stopAtMs = this.nowMs + cycleMs * this.random.between(0.2, 0.8);
    const heldUntilMs = stopAtMs + transitionMs + stopMs;
    return [
      { state: 'Execute', untilMs: stopAtMs },
      { state: 'Holding', untilMs: stopAtMs + transitionMs },
      { state: 'Held', untilMs: heldUntilMs },
      { state: 'Unholding', untilMs: heldUntilMs + transitionMs },
      { state: 'Execute', untilMs: this.nowMs + cycleMs + 2 * transitionMs + stopMs },
    ];
  }

  /** The cycle's record is written first; CycleCount moves last, so a reader that sees it change finds Last* ready. */
  private endCycle(s: Station): void {
    const m = s.profile.measurement;
    const measured = s.forceReject ? m.high + Math.max(m.sd, (m.high - m.low) * 0.1, 1e-3) : m.nominal + m.sd * (s.drift + this.partNoise(s));
    const value = Math.round(measured * 1000) / 1000;
    const result = value < m.low || value > m.high ? 'reject' : 'good';
    s.forceReject = false;
    this.set(s, 'lastSerial', s.part ?? '');
    this.set(s, 'lastResult', result);
    this.set(s, 'lastMeasurement', value);
    if (result === 'good') this.set(s, 'goodCount', s.values.goodCount + 1);
    else this.set(s, 'rejectCount', s.values.rejectCount + 1);
    this.set(s, 'cycleCount', s.values.cycleCount + 1);
    if (result === 'good') {
      s.finished = true;
    } else {
      s.part = null; // a reject leaves the line
      this.counts.rejected++;
    }
  }

  /**
   * A part's measurement noise at a machine: drawn from the seed, the serial, the machine and the attempt, not from the
   * line's running sequence, so a part measures the same whatever ran before it or how the machines' cycles
   * interleaved (a test's units pass or fail alike on a busy machine and an idle one).
   */
  private partNoise(s: Station): number {
    const serial = s.part ?? '';
    const attempt = (s.attempts.get(serial) ?? 0) + 1;
    s.attempts.set(serial, attempt);
    if (s.attempts.size > 1_000) s.attempts.delete(s.attempts.keys().next().value!);
    return createRandom(hash(`${this.seed}|${serial}|${s.profile.id}|${attempt}`)).gaussian();
  }

  private set<K extends WorkCenterTag>(s: Station, tag: K, value: WorkCenterValues[K]): void {
    if (s.values[tag] === value) return;
    s.values[tag] = value;
    this.changes.push({ atMs: this.nowMs, workCenterId: s.profile.id, tag, value });
  }
}

/** FNV-1a, 32 bits: a seed from text. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
