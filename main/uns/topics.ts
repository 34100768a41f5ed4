import type { LineSetup } from '../../core';

/**
 * Where the station publishes in the plant's Unified Namespace, by ISA-95 level:
 * <root>/<site>/<area>/<line>[/<work center>]/<what>.
 */
export interface UnsTopics {
  readonly line: (what: string) => string;
  readonly workCenter: (workCenter: string, what: string) => string;
  /** Whether the station is publishing (retained; the broker says "offline" for it when it goes without a word). */
  readonly status: string;
}

export function unsTopics(root: string, setup: LineSetup): UnsTopics {
  const base = `${root}/${setup.site.id}/${setup.area.id}/${setup.line.id}`;
  return {
    line: (what) => `${base}/${what}`,
    workCenter: (wc, what) => `${base}/${wc}/${what}`,
    status: `${base}/mes/status`,
  };
}
