import { accessStreams } from '../../../core';
import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

/** Each user's last sign-in, last failure and lock, for the administrators' list (the events keep every attempt). */
export function accessReadModel(db: Db): ReadModel {
  const upsert = (column: 'locked_until' | 'last_sign_in_at' | 'last_failure_at') =>
    statement(db, `INSERT INTO access (username, ${column}) VALUES (?, ?) ON CONFLICT (username) DO UPDATE SET ${column} = excluded.${column}`);
  const locked = upsert('locked_until');
  const signedIn = upsert('last_sign_in_at');
  const failed = upsert('last_failure_at');
  const unknown = accessStreams.unknown();
  return {
    name: 'access',
    tables: ['access'],
    project(e) {
      // Names that are no user (and address throttling) are in the log for auditors, not in this list.
      if (!e.stream.startsWith('access:') || e.stream === unknown || e.stream === accessStreams.addresses()) return;
      switch (e.type) {
        case 'SignedIn':
          return void signedIn(e.data.username, e.at);
        case 'SignInFailed':
        case 'SignatureFailed':
          return void failed(e.data.username, e.at);
        case 'AccountLocked':
          return void locked(e.data.username, e.data.until);
        case 'AccountUnlocked':
          return void locked(e.data.username, null);
      }
    },
  };
}
