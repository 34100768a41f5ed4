import { Worker } from 'node:worker_threads';

/** What a hash thread is asked: scrypt's inputs. */
export interface ScryptJob {
  readonly password: string;
  readonly salt: Buffer;
  readonly keylen: number;
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * The thread's whole program. Plain JavaScript run from a string, so that the same code runs from the sources (tests,
 * `tsx`) and from the bundles (CLI, Electron's station process) without a file of its own to locate.
 *
 * On Linux the thread lowers its own priority to nice 10 (a thread's nice value is its own there; elsewhere
 * `setPriority(0, …)` would lower the whole station, so it is left alone). A storm of sign-ins then gives way to the
 * station's loop, which carries PLC values to the mimic and answers /health, yet a real user's sign-in is not starved
 * by a busy machine (at the lowest priority a hash could take many seconds). scrypt runs synchronously in this thread,
 * not on libuv's shared pool, where the priority would not follow it.
 */
const PROGRAM = `
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
if (process.platform === 'linux') {
  try { require('node:os').setPriority(0, 10); } catch {}
}
parentPort.on('message', (job) => {
  try {
    const key = scryptSync(job.password, Buffer.from(job.salt), job.keylen, { N: job.N, r: job.r, p: job.p, maxmem: 256 * job.N * job.r + 1024 * 1024 });
    parentPort.postMessage({ id: job.id, key });
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: String(error && error.message || error) });
  }
});
`;

type Reply = { id: number; key: Uint8Array } | { id: number; error: string };

/**
 * scrypt on worker threads below the loop's priority (Linux), one job at a time per thread: as many threads as jobs run at once
 * (the caller bounds that; the hasher's queue does). Threads start on first use and hold the process open only while
 * they work; `dispose` ends them and fails what they had not finished.
 */
export class HashThreads {
  private readonly threads: { worker: Worker; busy: boolean }[] = [];
  private readonly jobs = new Map<number, { resolve: (key: Buffer) => void; reject: (e: Error) => void; thread: Worker }>();
  private next = 1;
  private disposed = false;

  /** Runs one job on a free thread, or a new one. */
  run(job: ScryptJob): Promise<Buffer> {
    if (this.disposed) return Promise.reject(new Error('The password hasher has stopped.'));
    const thread = this.free();
    thread.busy = true;
    // Held open while it works (a CLI command hashing a password waits for it), let go when idle.
    thread.worker.ref();
    const id = this.next++;
    return new Promise<Buffer>((resolve, reject) => {
      this.jobs.set(id, { resolve, reject, thread: thread.worker });
      thread.worker.postMessage({ id, password: job.password, salt: job.salt, keylen: job.keylen, N: job.N, r: job.r, p: job.p });
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const threads = this.threads.splice(0);
    for (const [id, job] of this.jobs) {
      this.jobs.delete(id);
      job.reject(new Error('The password hasher has stopped.'));
    }
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private free(): { worker: Worker; busy: boolean } {
    const idle = this.threads.find((t) => !t.busy);
    if (idle) return idle;
    // No loader in the thread (the station may run under tsx): its program is plain JavaScript.
    const worker = new Worker(PROGRAM, { eval: true, execArgv: [], name: 'password hashing' });
    worker.unref();
    const thread = { worker, busy: false };
    worker.on('message', (reply: Reply) => {
      const job = this.jobs.get(reply.id);
      if (!job) return;
      this.jobs.delete(reply.id);
      thread.busy = false;
      worker.unref();
      if ('error' in reply) job.reject(new Error(`scrypt failed: ${reply.error}`));
      else job.resolve(Buffer.from(reply.key));
    });
    // A thread that dies fails its job; the next job starts a new thread.
    worker.on('error', (error) => this.lost(thread, error));
    worker.on('exit', (code) => this.lost(thread, new Error(`the hash thread stopped (exit code ${code})`)));
    this.threads.push(thread);
    return thread;
  }

  private lost(thread: { worker: Worker }, error: Error): void {
    const i = this.threads.findIndex((t) => t.worker === thread.worker);
    if (i >= 0) this.threads.splice(i, 1);
    for (const [id, job] of this.jobs) {
      if (job.thread !== thread.worker) continue;
      this.jobs.delete(id);
      job.reject(error);
    }
  }
}
