import { ErrorCode, fail, ok, redactUns, type CommandContext, type Result, type UnsConfig, type UnsView } from '../../core';
import type { UnsLink } from '../uns';
import type { ConfigStore } from './config-store';

/**
 * The engineers' Unified Namespace settings, kept with the station's configuration (recorded with each change, the
 * password sealed at rest and blanked on screens), and the link to the broker following them however they change
 * (the HMI, the API, a hand edit of station-config.json).
 */
export class UnsSettings {
  private readonly off: () => void;

  constructor(
    private readonly config: ConfigStore,
    private readonly link: UnsLink,
  ) {
    void link.apply(config.get().uns);
    this.off = config.onChange((change) => void link.apply(change.next.uns));
  }

  view(): UnsView {
    return { settings: redactUns(this.config.get().uns), status: this.link.status() };
  }

  save(settings: UnsConfig | null, ctx: CommandContext): Result<UnsView> {
    if (this.link.status().source === 'command line') {
      return fail(ErrorCode.conflict, 'This station was started with --uns: its Unified Namespace is set on its command line, not here.');
    }
    const r = this.config.setUns(settings, ctx);
    return r.ok ? ok(this.view()) : r;
  }

  dispose(): void {
    this.off();
  }
}
