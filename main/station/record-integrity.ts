import type { Checkpoint, RecordState } from '../../core';
import { verifyChainInSlices, type ChainReport, type Db, type EventStore } from '../store';
import type { Log } from './log';

/** How often the station walks its whole chain again by itself (an edit of the file while it runs is found then). */
const REVERIFY_MS = 60 * 60 * 1000;

/**
 * The record's integrity as the station knows it: the chain is walked at start-up and every hour, in slices of the
 * loop (a log of millions of events never holds the PLC path), and on demand with an auditor's checkpoints. The
 * station's own appends continue the chain; only a walk proves what is in the file.
 */
export class RecordIntegrity {
  private walking: Promise<ChainReport> | null = null;
  private progress: { done: number; total: number } | null = null;
  private last: ChainReport | null = null;
  private timer: NodeJS.Timeout | null = null;
  private disposed = false;
  private readonly listeners = new Set<(state: RecordState) => void>();
  private readonly abort = new AbortController();
  private lastProgressEmit = 0;

  constructor(
    private readonly db: Db,
    private readonly store: EventStore,
    private readonly log: Log,
  ) {}

  /** Walks now and then every hour. */
  start(): void {
    void this.verify().catch(() => undefined);
    this.timer = setInterval(() => void this.verify().catch(() => undefined), REVERIFY_MS);
    this.timer.unref();
  }

  /** A walk of the whole chain; with checkpoints, they are checked too. One walk at a time: a caller without checkpoints shares the one under way. */
  verify(checkpoints: readonly Checkpoint[] = []): Promise<ChainReport> {
    if (this.walking && checkpoints.length === 0) return this.walking;
    const after = this.walking ?? Promise.resolve(null);
    const run = after
      .catch(() => null)
      .then(async () => {
        if (this.disposed) throw new Error('the station is stopping');
        this.progress = { done: 0, total: 0 };
        this.emit();
        try {
          const report = await verifyChainInSlices(
            this.db,
            checkpoints,
            (p) => {
              this.progress = p;
              // Progress a few times a second, not every slice.
              if (performance.now() - this.lastProgressEmit >= 250) this.emit();
            },
            8,
            this.abort.signal,
          );
          this.last = report;
          if (!report.intact) this.log.error(`the record is NOT intact: event ${report.firstBreak?.seq}: ${report.firstBreak?.problem}: ${report.firstBreak?.why}`);
          return report;
        } finally {
          this.progress = null;
          if (this.walking === run) this.walking = null;
          this.emit();
        }
      });
    this.walking = run;
    return run;
  }

  state(): RecordState {
    const head = this.store.chainHead();
    const last = this.last;
    return {
      status: this.progress && !last ? 'verifying' : !last ? 'unverified' : last.intact ? 'intact' : 'broken',
      head,
      verifying: this.progress,
      lastVerified: last
        ? {
            at: last.verifiedAt,
            events: last.events,
            through: last.head?.seq ?? 0,
            intact: last.intact,
            firstBreak: last.firstBreak,
            chainedLater: last.chainedLater,
          }
        : null,
    };
  }

  onChange(listener: (state: RecordState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    this.lastProgressEmit = performance.now();
    const s = this.state();
    for (const l of this.listeners) l(s);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.abort.abort();
    if (this.timer) clearInterval(this.timer);
    this.listeners.clear();
    await this.walking?.catch(() => undefined);
  }
}
