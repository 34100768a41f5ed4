import { randomBytes } from 'node:crypto';
import type { MasterData, Role } from '../../core';
import type { Accounts } from './accounts';
import { SCRYPT_DEMO } from './password-hasher';
import type { Commands } from './commands';
import type { EventStore } from '../store';

export const DEMO_USERS: readonly { username: string; displayName: string; role: Role }[] = [
  { username: 'operator', displayName: 'Demo operator', role: 'operator' },
  { username: 'lead', displayName: 'Demo shift lead', role: 'shift_lead' },
  { username: 'supervisor', displayName: 'Demo supervisor', role: 'supervisor' },
  { username: 'engineer', displayName: 'Demo engineer', role: 'engineer' },
  { username: 'quality', displayName: 'Demo quality engineer', role: 'quality' },
  { username: 'auditor', displayName: 'Demo auditor', role: 'auditor' },
  { username: 'admin', displayName: 'Demo administrator', role: 'admin' },
];

/** Master data the station needs to build anything: defined once, as events, on first start. */
export async function seedMasterData(store: EventStore, commands: Commands, data: MasterData): Promise<number> {
  let defined = 0;
  for (const m of data.materials) {
    if (store.db.prepare('SELECT 1 FROM materials WHERE id = ? AND revision = ?').get(m.id, m.revision)) continue;
    if ((await commands.defineMaterial(m, commands.context('system', { source: 'start-up' }))).ok) defined += 1;
  }
  for (const p of data.products) {
    const exists = store.db.prepare('SELECT 1 FROM products WHERE product = ? AND revision = ?').get(p.product, p.revision);
    if (exists) continue;
    const r = await commands.defineProduct(p, commands.context('system', { source: 'start-up' }));
    if (r.ok) defined += 1;
  }
  return defined;
}

/** Demo mode: one user per role, password = user name. */
export async function seedDemoUsers(accounts: Accounts): Promise<string[]> {
  const ctx = accounts.context('system', { source: 'start-up' });
  const missing = DEMO_USERS.filter((u) => !accounts.exists(u.username));
  const demo = { scheme: SCRYPT_DEMO, mustChangePassword: false, demo: true };
  const results = await Promise.all(missing.map((u) => accounts.create(u.username, u.displayName, u.role, u.username, ctx, demo)));
  return missing.filter((_u, i) => results[i]?.ok).map((u) => u.username);
}

/**
 * First start of a real station: one administrator with a random one-time password (16 characters, 96 bits),
 * printed on the console and shown once by the desktop app; it must be changed at the first sign-in.
 */
export async function seedFirstAdmin(accounts: Accounts): Promise<{ username: string; password: string } | null> {
  if (accounts.count() > 0) return null;
  const password = randomBytes(12).toString('base64url');
  const r = await accounts.create('admin', 'Administrator', 'admin', password, accounts.context('system', { source: 'start-up' }), { mustChangePassword: true });
  if (!r.ok) return null;
  const admin = { username: 'admin', password };
  accounts.holdFirstAdmin(admin);
  return admin;
}
