import { closeSync, fdatasync, fdatasyncSync, openSync } from 'node:fs';

/** What the event store needs to know that its commits are on disk. */
export interface Durability {
  /** Resolves once every transaction committed before the call is on disk. */
  flushed(): Promise<void>;
  /** The same, now, blocking (start-up seeding and tools, not the station's running loop). */
  flushedSync(): void;
}

/** Commits that are on disk when they return (synchronous = FULL): nothing to wait for. */
export const SYNCED_ON_COMMIT: Durability = { flushed: () => Promise.resolve(), flushedSync: () => undefined };

/**
 * A WAL database's commits put on disk off the station's loop. The connection writes its commits to the WAL without
 * syncing (synchronous = NORMAL; checkpoints still sync), and this syncs the WAL file (fdatasync, on libuv's thread
 * pool): one sync for every commit made while the previous sync ran (group commit). The event store acknowledges a
 * command (its answer, the live stream) only once its commit is on disk, as with FULL, but the loop that carries PLC
 * values to the mimic never waits for the disk.
 *
 * fdatasync through a descriptor of our own is enough: a sync flushes the file, whoever wrote it. The WAL file keeps
 * its inode while any connection is open (SQLite rewinds and truncates it, never replaces it), and the data folder's
 * lock keeps every other station process out.
 */
export class WalSync implements Durability {
  private fd: number | null = null;
  private running: Promise<void> | null = null;
  private waiting: { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } | null = null;
  private closed = false;

  constructor(
    private readonly dbFile: string,
    /** How a descriptor is synced (tests hold or fail it). */
    private readonly syncFile: (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void = fdatasync,
  ) {}

  flushed(): Promise<void> {
    if (this.running === null) return (this.running = this.sync());
    // A sync is running: it may have begun before this commit was written, so this commit waits for the next one,
    // which carries every commit made meanwhile.
    if (this.waiting === null) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
      this.waiting = { promise, resolve, reject };
    }
    return this.waiting.promise;
  }

  flushedSync(): void {
    const fd = this.open();
    if (fd !== null) fdatasyncSync(fd);
  }

  /** After the connection is closed (it checkpointed and removed the WAL): nothing is left to sync. */
  close(): void {
    this.closed = true;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private sync(): Promise<void> {
    const done = new Promise<void>((resolve, reject) => {
      const fd = this.open();
      if (fd === null) return resolve();
      this.syncFile(fd, (error) => (error ? reject(new Error(`The station could not put its record on disk: ${error.message}`, { cause: error })) : resolve()));
    });
    const next = () => {
      this.running = null;
      const waiting = this.waiting;
      this.waiting = null;
      if (waiting) (this.running = this.sync()).then(waiting.resolve, waiting.reject);
    };
    done.then(next, next);
    return done;
  }

  private open(): number | null {
    if (this.closed || this.dbFile === ':memory:') return null;
    // Opened once the first commit has made the WAL; read-only is enough to sync it.
    this.fd ??= openSync(`${this.dbFile}-wal`, 'r');
    return this.fd;
  }
}
