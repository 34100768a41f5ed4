import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

/** Users and their roles. Password hashes are not a read model: they never enter the log (credentials table). */
export function usersReadModel(db: Db): ReadModel {
  const insert = statement(db, 'INSERT INTO users (username, display_name, role, created_at) VALUES (?, ?, ?, ?)');
  return {
    name: 'users',
    tables: ['users'],
    project(e) {
      if (e.type === 'UserCreated') insert(e.data.username, e.data.displayName, e.data.role, e.at);
    },
  };
}
