import type { DriverStats } from '../../core';

/** What the driver received, counted for the engineer who wonders why values look wrong. */
export class StatsCounter {
  private updates = 0;
  private rejected = 0;
  private lastRejection: string | null = null;
  private reconnects = 0;

  /** A value notified or read from the server. */
  update(): void {
    this.updates += 1;
  }

  /** A tag the server or the driver refused (unknown node, bad address, …). */
  reject(why: string): void {
    this.rejected += 1;
    this.lastRejection = why;
  }

  reconnected(): void {
    this.reconnects += 1;
  }

  snapshot(): DriverStats {
    return { updates: this.updates, rejected: this.rejected, lastRejection: this.lastRejection, reconnects: this.reconnects };
  }
}
