import type { TagValue } from '../../core';
import { Device, type EdgeNode, type MetricEntry, type ReadBackWaiter } from './catalogue';
import { encodePayload } from './codec';
import { deviceTopic, nodeTopic } from './topic';
import { coerceForWrite, type TagScalar } from './values';

export type WriteCommand =
  | { readonly ok: true; readonly type: 'NCMD' | 'DCMD'; readonly topic: string; readonly payload: Buffer; readonly expected: TagScalar }
  | { readonly ok: false; readonly reason: string };

/** The NCMD (node metric) or DCMD (device metric) that writes a value: the metric by name, with its birth datatype. */
export function writeCommand(entry: MetricEntry, value: string | number | boolean, nowMs: number): WriteCommand {
  const coerced = coerceForWrite(value, entry.datatype);
  if (!coerced.ok) return coerced;
  const payload = encodePayload({ timestamp: nowMs, metrics: [{ name: entry.name, datatype: entry.datatype, value: coerced.wire, timestamp: nowMs }] });
  const { scope } = entry;
  const { node } = scope;
  if (scope instanceof Device) return { ok: true, type: 'DCMD', topic: deviceTopic('DCMD', node.group, node.id, scope.id), payload, expected: coerced.expected };
  return { ok: true, type: 'NCMD', topic: nodeTopic('NCMD', node.group, node.id), payload, expected: coerced.expected };
}

/** One write waiting for its metric to report the written value (the device's read-back), or for its timeout. */
class ReadBack implements ReadBackWaiter {
  readonly done: Promise<void>;
  private resolve!: () => void;
  private reject!: (err: Error) => void;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly entry: MetricEntry,
    private readonly expected: TagScalar,
    timeoutMs: number,
    onTimeout: () => Error,
    private readonly release: (w: ReadBack) => void,
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.timer = setTimeout(() => this.fail(onTimeout()), timeoutMs);
  }

  offer(value: TagValue): boolean {
    if (value.quality !== 'good' || value.value !== this.expected) return false;
    this.finish();
    this.resolve();
    return true;
  }

  fail(err: Error): void {
    this.finish();
    this.reject(err);
  }

  private finish(): void {
    clearTimeout(this.timer);
    const waiters = this.entry.waiters;
    waiters?.delete(this);
    if (waiters?.size === 0) this.entry.waiters = null;
    this.release(this);
  }
}

/** Every write in flight, so that a death, a lost broker or dispose() can end them with the reason. */
export class PendingWrites {
  private readonly all = new Set<ReadBack>();

  /** Starts waiting before the command goes out, so a fast answer is not missed. */
  expect(entry: MetricEntry, expected: TagScalar, timeoutMs: number, onTimeout: () => Error): ReadBack {
    const waiter = new ReadBack(entry, expected, timeoutMs, onTimeout, (w) => this.all.delete(w));
    this.all.add(waiter);
    (entry.waiters ??= new Set()).add(waiter);
    return waiter;
  }

  /** A new value of the entry: the writes that waited for it are done. */
  offer(entry: MetricEntry): void {
    for (const waiter of [...(entry.waiters ?? [])]) waiter.offer(entry.current);
  }

  failNode(node: EdgeNode, err: () => Error): void {
    for (const waiter of [...this.all]) if (waiter.entry.scope.node === node) waiter.fail(err());
  }

  failAll(err: () => Error): void {
    for (const waiter of [...this.all]) waiter.fail(err());
  }
}

export type { ReadBack };
