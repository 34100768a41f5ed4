import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ErrorCode, fail, ok, parseB2mmlInParts, type AppError, type B2mmlImport, type B2mmlOptions, type CreateOrderRequest, type Result } from '../../core';
import type { Log } from './log';
import { nextTurn } from '../process';

export type ReaderRequest = { readonly id: number; readonly xml: string; readonly options: B2mmlOptions };
export type ReaderReply =
  /** The thread's program is loaded and listening. */
  | { readonly ready: true }
  | { readonly id: number; readonly orders: CreateOrderRequest[] }
  | { readonly id: number; readonly done: Omit<B2mmlImport, 'orders'> }
  | { readonly id: number; readonly refused: AppError }
  | { readonly id: number; readonly failed: string };

/** Reads B2MML messages into what the station takes in. */
export interface B2mmlReader {
  read(xml: string, options?: B2mmlOptions): Promise<Result<B2mmlImport>>;
  dispose(): Promise<void>;
}

/** Messages waiting for the reader beyond the one it reads: more are answered busy (each holds megabytes twice). */
const MAX_WAITING = 4;
/** The reader thread's heap: a 50 MiB message (the most the API takes) read whole fits. */
const READER_HEAP_MB = 2048;


/** On the station's loop, in parts with the loop free between them: where no reader thread can be had. */
export const readOnTheLoop: B2mmlReader = {
  read: (xml, options = {}) => parseB2mmlInParts(xml, nextTurn, options),
  dispose: () => Promise.resolve(),
};

/**
 * The thread's program: the TypeScript source when the station runs from its sources, the bundled file beside the
 * station's own (out/main, whose shared code sits in out/main/chunks) when it runs built.
 */
function threadProgram(): URL | null {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./b2mml-thread.ts', here);
  for (const candidate of ['./b2mml-thread.js', '../b2mml-thread.js']) {
    const url = new URL(candidate, here);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

interface Job {
  readonly xml: string;
  readonly options: B2mmlOptions;
  readonly orders: CreateOrderRequest[];
  readonly resolve: (r: Result<B2mmlImport>) => void;
}

/**
 * B2MML read on a thread of its own, below the loop's priority: a 10,000-order schedule is 5 MiB and half a second of
 * a core to read, and read on the loop it would be taken from the PLC path and /health. Messages are read one at a
 * time, in order; the orders come back in parts, each taken in one short turn of the loop. If the thread cannot be
 * had (no program file, or it fails to load), messages are read on the loop in parts, as before, and the log says so.
 */
export class ThreadedB2mmlReader implements B2mmlReader {
  private worker: Worker | null = null;
  private readonly jobs = new Map<number, Job>();
  private next = 1;
  private fallback = false;
  private disposed = false;

  constructor(
    private readonly log: Log,
    /** The thread's program (by default found beside this module); null: none to be had. */
    private readonly program: URL | null = threadProgram(),
  ) {}

  read(xml: string, options: B2mmlOptions = {}): Promise<Result<B2mmlImport>> {
    if (this.disposed) return Promise.resolve(fail(ErrorCode.busy, 'The station is stopping; send the message again once it is back.', { retryAfterSeconds: 5 }));
    const worker = this.fallback ? null : this.thread();
    if (!worker) return readOnTheLoop.read(xml, options);
    if (this.jobs.size > MAX_WAITING) {
      return Promise.resolve(fail(ErrorCode.busy, `The station is reading ${this.jobs.size} messages already; send this one again in a moment.`, { retryAfterSeconds: 5 }));
    }
    const id = this.next++;
    return new Promise((resolve) => {
      this.jobs.set(id, { xml, options, orders: [], resolve });
      if (this.jobs.size === 1) worker.ref();
      worker.postMessage({ id, xml, options } satisfies ReaderRequest);
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll(ErrorCode.busy, 'The station stopped before the message was read; send it again once the station is back.');
    await worker?.terminate();
  }

  private thread(): Worker | null {
    if (this.worker) return this.worker;
    const program = this.program;
    if (!program) {
      this.fallback = true;
      this.log.warn('B2MML reader thread: its program file is missing; messages are read on the station loop in parts');
      return null;
    }
    // From the sources the thread needs the TypeScript loader (found from here, whatever the working folder), and
    // nothing else of the station's command line. Its heap is bounded: a hostile message ends the thread, not the station.
    const worker = new Worker(program, {
      name: 'B2MML reader',
      execArgv: program.pathname.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [],
      resourceLimits: { maxOldGenerationSizeMb: READER_HEAP_MB },
    });
    worker.unref();
    let started = false;
    worker.on('message', (m: ReaderReply) => {
      if ('ready' in m) started = true;
      else this.reply(m);
    });
    worker.on('error', (error) => (started ? this.lost(worker, `the B2MML reader failed: ${error.message}`) : this.unstarted(worker, error.message)));
    worker.on('exit', (code) => (started ? this.lost(worker, `the B2MML reader stopped (exit code ${code})`) : this.unstarted(worker, `exit code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private reply(m: Exclude<ReaderReply, { ready: true }>): void {
    const job = this.jobs.get(m.id);
    if (!job) return;
    if ('orders' in m) {
      job.orders.push(...m.orders);
      return;
    }
    this.jobs.delete(m.id);
    if (this.jobs.size === 0) this.worker?.unref();
    if ('done' in m) job.resolve(ok({ ...m.done, orders: job.orders }));
    else if ('refused' in m) job.resolve({ ok: false, error: m.refused });
    else {
      // Not a refusal of the message: the station's own fault, logged here and answered as any internal error is.
      this.log.error('B2MML reader', new Error(m.failed));
      job.resolve(fail(ErrorCode.internal, 'The message could not be read because of an error in the station (it is in the station log). Send it again; if it fails again, tell the station administrator.'));
    }
  }

  /**
   * A thread that died (its heap exhausted by a hostile message, say) fails the message it was reading, as the
   * station's error, and those that waited as busy: not taken, to be sent again. The next message starts a new thread.
   */
  private lost(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    if (!this.disposed) this.log.warn(why);
    const reading = Math.min(...this.jobs.keys());
    const job = this.jobs.get(reading);
    if (job) {
      this.jobs.delete(reading);
      job.resolve(fail(ErrorCode.internal, `${why[0]?.toUpperCase()}${why.slice(1)} while reading this message; it was not taken.`));
    }
    this.failAll(ErrorCode.busy, 'The station restarted its B2MML reader; the message was not taken. Send it again.');
  }

  /** A thread that never answered cannot be had here (its program did not load): read on the loop from now on, these messages too. */
  private unstarted(worker: Worker, why: string): void {
    if (this.worker !== worker || this.disposed) return;
    this.worker = null;
    this.fallback = true;
    this.log.warn(`B2MML reader thread could not start (${why}); messages are read on the station loop in parts`);
    for (const [id, job] of this.jobs) {
      this.jobs.delete(id);
      void readOnTheLoop.read(job.xml, job.options).then(job.resolve);
    }
  }

  private failAll(code: typeof ErrorCode.busy, message: string): void {
    for (const [id, job] of this.jobs) {
      this.jobs.delete(id);
      job.resolve(fail(code, message, { retryAfterSeconds: 5 }));
    }
  }
}
