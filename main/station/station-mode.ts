import type { Db } from '../store';
import { DEMO_USERS } from './seed';

export class StationModeError extends Error {
  readonly code = 'station_mode';
}

/**
 * A data folder is a demo station's (created with --simulate: demo accounts whose password is their name) or a plant
 * station's, for good. A demo database never runs as a plant station, and a plant database never gets demo accounts.
 * Databases from before the mark was kept are known by their demo accounts.
 */
export function checkStationMode(db: Db, demo: boolean, dataDir: string): 'demo' | 'plant' {
  const wanted = demo ? 'demo' : 'plant';
  let mode = db.prepare("SELECT value FROM station WHERE key = 'mode'").pluck().get() as string | undefined;
  if (mode === undefined) {
    const users = new Set(db.prepare('SELECT username FROM users').pluck().all() as string[]);
    const used = db.prepare('SELECT 1 FROM events LIMIT 1').get() !== undefined;
    mode = used ? (DEMO_USERS.every((u) => users.has(u.username)) ? 'demo' : 'plant') : wanted;
    db.prepare("INSERT INTO station (key, value) VALUES ('mode', ?)").run(mode);
  }
  if (mode === wanted) return wanted;
  if (mode === 'demo') {
    throw new StationModeError(
      `${dataDir} holds a demo station (created with --simulate): its demo accounts sign in with their user name as password, ` +
        'so it never runs as a plant station. Start it with --simulate, or start the plant station with a new --data-dir.',
    );
  }
  throw new StationModeError(
    `${dataDir} holds a plant station: --simulate would add demo accounts (password = user name) to it. ` +
      'Start it without --simulate, or try the demo with a --data-dir of its own.',
  );
}
