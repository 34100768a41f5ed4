import type { Db } from '../database';
import { statement, type ReadModel } from './read-model';

/** Users, their roles and states. Password hashes are not a read model: they never enter the log (credentials table). */
export function usersReadModel(db: Db): ReadModel {
  const insert = statement(db, 'INSERT INTO users (username, display_name, role, created_at, must_change_password) VALUES (?, ?, ?, ?, ?)');
  const setState = statement(db, 'UPDATE users SET state = ? WHERE username = ?');
  const setRole = statement(db, 'UPDATE users SET role = ? WHERE username = ?');
  const mustChange = statement(db, 'UPDATE users SET must_change_password = ? WHERE username = ?');
  return {
    name: 'users',
    tables: ['users'],
    project(e) {
      switch (e.type) {
        case 'UserCreated':
          return void insert(e.data.username, e.data.displayName, e.data.role, e.at, e.data.mustChangePassword === true ? 1 : 0);
        case 'UserDisabled':
          return void setState('disabled', e.data.username);
        case 'UserEnabled':
          return void setState('active', e.data.username);
        case 'UserRoleChanged':
          return void setRole(e.data.to, e.data.username);
        case 'PasswordReset':
          return void mustChange(1, e.data.username);
        case 'PasswordChanged':
          return void mustChange(0, e.data.username);
      }
    },
  };
}
