import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KEYCHAIN_SEALED, newSecretKey } from '../station/secrets';

/** What this needs of Electron's safeStorage (the OS keychain: DPAPI, Keychain, libsecret/kwallet). */
export interface Keychain {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export interface DesktopKey {
  /** The key for the station (given to its process, never written in the clear), or null: the station keeps its key file as it is. */
  readonly key: Buffer | null;
  /** What the desktop app says of it, when something is worth saying. */
  readonly note: string | null;
}

/**
 * The desktop app's key for PLC passwords at rest, sealed by the OS keychain in <dataDir>/secret.key: a copy of the
 * data folder, or another user of the computer, cannot open the passwords. A key file the headless station wrote
 * (in the clear, readable only by its user) is sealed the first time the desktop app opens the folder. Without a
 * keychain (a Linux desktop with neither libsecret nor kwallet), the key file stays as the headless station keeps it.
 */
export function desktopSecretKey(keyFile: string, keychain: Keychain): DesktopKey {
  const text = existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : null;
  if (text?.startsWith(KEYCHAIN_SEALED)) {
    if (!keychain.isEncryptionAvailable()) {
      throw new Error(`${keyFile} is sealed by this computer's keychain, which is not available now: sign in to the desktop session that has it.`);
    }
    const key = Buffer.from(keychain.decryptString(Buffer.from(text.slice(KEYCHAIN_SEALED.length), 'base64')), 'base64');
    if (key.length !== 32) throw new Error(`${keyFile} does not open to a 256-bit key; restore it from the backup of this data folder.`);
    return { key, note: null };
  }
  if (!keychain.isEncryptionAvailable()) {
    return { key: null, note: 'No OS keychain is available: PLC passwords are sealed under a key file readable only by this user (as on a headless station).' };
  }
  const key = text === null ? newSecretKey() : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${keyFile} does not hold a 256-bit key; restore it from the backup of this data folder.`);
  mkdirSync(dirname(keyFile), { recursive: true });
  const tmp = `${keyFile}.tmp`;
  writeFileSync(tmp, `${KEYCHAIN_SEALED}${keychain.encryptString(key.toString('base64')).toString('base64')}\n`, { mode: 0o600 });
  renameSync(tmp, keyFile);
  return { key, note: text === null ? null : 'The key of the PLC passwords is now sealed by the OS keychain.' };
}
