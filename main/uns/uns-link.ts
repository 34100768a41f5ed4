import type { LineSetup, OeeRow } from '../../core';
import type { Db } from '../store';
import { UnsPublisher, forgetUnsCursor, type UnsOptions } from './publisher';

export interface UnsStatus {
  /** Where the settings come from: the station's command line (fixed), the engineers' settings, or nowhere (off). */
  readonly source: 'command line' | 'settings' | 'off';
  readonly url: string | null;
  readonly root: string | null;
  readonly connected: boolean;
  /** Events of the log the broker has not had yet. */
  readonly backlog: number;
  /** Why it is not connected, as the broker or the network said it; null when connected or not yet known. */
  readonly message: string | null;
}

/**
 * The station's one link to the plant's Unified Namespace: a publisher for the settings in force, replaced when
 * engineers change them (the new one goes on from the same cursor: nothing is sent twice or skipped), none when they
 * turn it off. Settings given on the command line are fixed: the station runs with them whatever is stored.
 */
export class UnsLink {
  private publisher: UnsPublisher | null = null;
  /**
   * The settings last asked for (applied once the link before them is closed); undefined: none yet, so that a station
   * starting with publishing off forgets a cursor an earlier run left (it would hold retention back for nothing).
   */
  private target: UnsOptions | null | undefined = undefined;
  private changing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly setup: () => LineSetup | null,
    private readonly currentOee: () => { shift: string | null; rows: OeeRow[] },
    private readonly log: (line: string) => void,
    private readonly fixed: UnsOptions | null,
  ) {
    if (fixed) {
      this.start(fixed);
      this.target = fixed;
    }
  }

  /** Follow the engineers' settings (ignored while the command line fixes them). Changes apply in the order given. */
  apply(next: UnsOptions | null): Promise<void> {
    if (this.fixed) return this.changing;
    // Compared with the last settings asked for, not the ones running: a change asked while the one before it is
    // still closing the old link is not lost.
    if (this.target !== undefined && JSON.stringify(next) === JSON.stringify(this.target)) return this.changing;
    this.target = next;
    this.changing = this.changing.then(async () => {
      const old = this.publisher;
      this.publisher = null;
      await old?.dispose();
      if (next) this.start(next);
      else forgetUnsCursor(this.db);
      if (next || old) this.log(next ? `UNS: publishing to ${next.url} under ${next.root ?? 'mes'}` : 'UNS: publishing turned off');
    });
    return this.changing;
  }

  private start(o: UnsOptions): void {
    this.publisher = new UnsPublisher(this.db, this.setup, this.currentOee, o, this.log);
  }

  nudge(): void {
    this.publisher?.nudge();
  }

  status(): UnsStatus {
    const running = this.publisher;
    const s = running?.status();
    return {
      source: this.fixed ? 'command line' : running ? 'settings' : 'off',
      url: running?.options.url ?? null,
      root: running ? (running.options.root ?? 'mes') : null,
      connected: s?.connected ?? false,
      backlog: s?.backlog ?? 0,
      message: s?.message ?? null,
    };
  }

  async dispose(): Promise<void> {
    await this.changing;
    await this.publisher?.dispose();
    this.publisher = null;
  }
}
