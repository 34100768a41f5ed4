import type { Disposable, DriverHealth } from './driver';

/** A driver's health as a person reads it, with listeners told of every change (shared by every driver). */
export class HealthState {
  private current: DriverHealth;
  private readonly listeners = new Set<(health: DriverHealth) => void>();

  constructor(
    private readonly endpoint: string,
    private readonly now: () => Date,
  ) {
    this.current = { connected: false, endpoint, message: `not connected to ${endpoint}`, since: now().toISOString() };
  }

  get(): DriverHealth {
    return this.current;
  }

  set(connected: boolean, message: string): void {
    if (connected === this.current.connected && message === this.current.message) return;
    const since = connected === this.current.connected ? this.current.since : this.now().toISOString();
    this.current = { connected, endpoint: this.endpoint, message, since };
    for (const listener of [...this.listeners]) {
      try {
        listener(this.current);
      } catch {
        // one failing listener must not keep the others uninformed
      }
    }
  }

  listen(listener: (health: DriverHealth) => void): Disposable {
    this.listeners.add(listener);
    return {
      dispose: async () => {
        this.listeners.delete(listener);
      },
    };
  }

  clear(): void {
    this.listeners.clear();
  }
}
