/**
 * The pause of a loop that works, then waits: cut short by stop(), and by nudge() when the pause under way allows it
 * (a shipper waiting for new events does; one backing off from a plant that is down does not).
 */
export class Pause {
  private wake: (() => void) | null = null;
  private wakeable = false;
  private stopped = false;

  for(ms: number, wakeable = true): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.wakeable = wakeable;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  nudge(): void {
    if (this.wakeable) this.wake?.();
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }
}
