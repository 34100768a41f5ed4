import type { LiveStream } from '../api';
import { Replicator, type ReplicationStatus } from '../replication';
import { pruneReplicated, type Db, type EventStore } from '../store';
import type { AlarmEngine } from './alarm-engine';
import type { Clock } from './clock';
import type { Log } from './log';

export interface PlantLinkOptions {
  /** The plant's PostgreSQL (this station's own role). */
  readonly plantUrl: string;
  /** A backlog older than this raises an alarm (default 15). */
  readonly backlogAlarmMinutes?: number;
  /**
   * Retention: events the plant holds, of units and orders finished more than this many days ago, leave the station's
   * log (their places in the chain stay). Unset: the station keeps its whole log.
   */
  readonly retainReplicatedDays?: number;
}

/** The shipping's state as a line of the station's log. */
export function replicationLine(r: ReplicationStatus): string {
  switch (r.state) {
    case 'live':
      return `plant: up to date (event ${r.head})`;
    case 'catching-up':
      return `plant: catching up, ${r.left.toLocaleString('en')} events left at ${r.ratePerSecond.toLocaleString('en')}/s${r.etaSeconds !== null ? `, about ${r.etaSeconds} s to go` : ''}`;
    default:
      return `plant: ${r.message}`;
  }
}

/**
 * The station's link to the plant: its whole log shipped (store and forward, each commit nudging the shipper), the
 * header told of each change of state and of a catch-up's progress, an alarm for a backlog older than the threshold or
 * a log the plant stopped, and retention of what the plant already holds.
 */
export function linkToPlant(
  o: PlantLinkOptions,
  s: { readonly db: Db; readonly store: EventStore; readonly stationId: string; readonly clock: Clock; readonly alarms: AlarmEngine; readonly stream: LiveStream; readonly log: Log },
  onStop: (run: () => Promise<void> | void, what?: string | null) => void,
): { status: () => ReplicationStatus } {
  let told = { state: '', at: 0 };
  let logged = 0;
  const replicator = new Replicator(s.db, s.stationId, o.plantUrl, () => s.store.lastSeq(), {
    // The header hears each change of state at once, and the progress of a catch-up about once a second.
    onStatus: (state) => {
      const now = Date.now();
      // The command line hears each change of state, and a catch-up's progress every 10 s.
      if (state.state !== told.state || (state.state === 'catching-up' && now - logged > 10_000)) {
        logged = now;
        if (state.state === 'live' || state.state === 'catching-up') s.log.info(replicationLine(state));
        else s.log.warn(replicationLine(state));
      }
      if (state.state === told.state && now - told.at < 1_000) return;
      told = { state: state.state, at: now };
      s.stream.publish({ kind: 'replication', state });
    },
  });
  onStop(s.store.onCommitted(() => replicator.nudge()));
  // A backlog older than the threshold, or a log the plant stopped, is an alarm here (the plant shows its own).
  const backlogMs = (o.backlogAlarmMinutes ?? 15) * 60_000;
  const watch = setInterval(() => {
    const r = replicator.status();
    const old = r.backlogSince !== null && s.clock.now().getTime() - Date.parse(r.backlogSince) > backlogMs;
    const message =
      r.state === 'stopped'
        ? 'The plant refused the station\'s log: nothing more is shipped until an engineer decides at the plant'
        : `The plant has not had the station's log for over ${Math.round(backlogMs / 60_000)} min (${r.left} events waiting)`;
    s.alarms.system('PLANT.REPLICATION', r.state === 'stopped' || old, r.state === 'stopped' ? 'high' : 'medium', message, r.left);
  }, Math.min(10_000, Math.max(1_000, backlogMs / 4)));
  onStop(() => clearInterval(watch));

  if (o.retainReplicatedDays !== undefined) {
    const days = o.retainReplicatedDays;
    // A slice of streams per turn of the loop, so commands keep flowing while a long-kept log is thinned.
    // Another reader of the log (the UNS publisher) whose cursor has not moved for an hour while behind the plant holds
    // retention back: said as an alarm, so that a broker gone for good does not let the file grow unseen.
    const stuck = s.db.prepare("SELECT target FROM replication_cursor WHERE target <> 'plant' AND shipped < ? AND updated_at < ?").pluck();
    const prune = () => {
      const shipped = replicator.status().shipped;
      const held = stuck.all(shipped, new Date(s.clock.now().getTime() - 3_600_000).toISOString()) as string[];
      s.alarms.system('RETENTION.HELD', held.length > 0, 'low', `Retention waits for ${held.join(', ')}: what it has not sent for over an hour stays in the station's file`, held.length);
      const r = pruneReplicated(s.store, {
        shippedThrough: shipped,
        finishedBefore: new Date(s.clock.now().getTime() - days * 86_400_000).toISOString(),
        now: s.clock.now().toISOString(),
        maxStreams: 200,
      });
      if (r.events > 0) s.log.info(`retention: ${r.events} events of ${r.streams} finished units and orders left the log (the plant holds them)`);
      if (r.streams === 200) pending = setTimeout(prune, 0);
    };
    let pending: NodeJS.Timeout | undefined = setTimeout(prune, 5_000);
    const every = setInterval(prune, 10 * 60_000);
    onStop(() => {
      clearInterval(every);
      clearTimeout(pending);
    });
  }
  onStop(() => replicator.dispose(), 'stopping the replication to the plant');
  return { status: () => replicator.status() };
}
