import type { EdgeNode } from './catalogue';

interface NodeRequests {
  lastSentAt: number;
  timer: NodeJS.Timeout | undefined;
  wanted: boolean;
  reason: string;
}

/**
 * Rebirth requests (NCMD "Node Control/Rebirth" = true), at most one per node per throttle period: a node that
 * keeps sending what the host cannot place must not be answered with a storm of commands. A request made inside
 * the period is sent when it ends, unless a birth came meanwhile.
 */
export class RebirthRequests {
  private readonly nodes = new Map<EdgeNode, NodeRequests>();
  sent = 0;

  constructor(
    private readonly throttleMs: number,
    private readonly nowMs: () => number,
    private readonly send: (node: EdgeNode, reason: string) => boolean,
  ) {}

  request(node: EdgeNode, reason: string): void {
    let state = this.nodes.get(node);
    if (!state) this.nodes.set(node, (state = { lastSentAt: Number.NEGATIVE_INFINITY, timer: undefined, wanted: false, reason }));
    state.wanted = true;
    state.reason = reason;
    if (state.timer) return;
    const wait = state.lastSentAt + this.throttleMs - this.nowMs();
    if (wait <= 0) this.fire(node, state);
    else state.timer = setTimeout(() => this.fire(node, state), wait);
  }

  /** The node was born: nothing is wanted from it any more (the throttle period still runs). */
  born(node: EdgeNode): void {
    const state = this.nodes.get(node);
    if (state) state.wanted = false;
  }

  /** After a reconnect, every node may be asked at once. */
  resetThrottle(): void {
    for (const state of this.nodes.values()) {
      clearTimeout(state.timer);
      state.timer = undefined;
      state.lastSentAt = Number.NEGATIVE_INFINITY;
    }
  }

  dispose(): void {
    for (const state of this.nodes.values()) clearTimeout(state.timer);
    this.nodes.clear();
  }

  private fire(node: EdgeNode, state: NodeRequests): void {
    state.timer = undefined;
    if (!state.wanted) return;
    if (!this.send(node, state.reason)) return; // offline: the reconnect asks again
    state.wanted = false;
    state.lastSentAt = this.nowMs();
    this.sent++;
  }
}
