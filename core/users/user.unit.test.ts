import { describe, test } from 'node:test';
import { specFor } from '../../tests/support/given-when-then';
import { userDecider } from './user';

const given = specFor(userDecider);
const create = (username: string, role = 'operator' as const) => ({ type: 'CreateUser', username, displayName: ' Ada Lovelace ', role }) as const;

describe('user accounts', () => {
  test('a user is created with the name people know them by', () =>
    given([]).when(create('ada')).then([{ type: 'UserCreated', data: { username: 'ada', displayName: 'Ada Lovelace', role: 'operator' } }]));
  test('a user name is never used twice', () =>
    given([{ type: 'UserCreated', data: { username: 'ada', displayName: 'Ada', role: 'admin' } }]).when(create('ada')).thenRefused('duplicate', 'never used twice'));
  test('a user name is lower-case letters, digits, dots, dashes or underscores', () => given([]).when(create('Ada Lovelace')).thenRefused('validation_failed'));
  test('a role that does not exist is refused', () =>
    given([]).when({ type: 'CreateUser', username: 'bob', displayName: 'Bob', role: 'root' as never }).thenRefused('validation_failed', 'roles are operator'));
});
