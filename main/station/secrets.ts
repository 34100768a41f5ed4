import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const PREFIX = 'sealed:v1:';
/** How the desktop app keeps secret.key: the key sealed by the OS keychain (Electron safeStorage); see main/electron/secret-key.ts. */
export const KEYCHAIN_SEALED = 'safeStorage:v1:';

/**
 * Secrets at rest (PLC and broker passwords): sealed with AES-256-GCM under a key kept in a file readable only by
 * the station (<dataDir>/secret.key, made once). A copy of the database or of station-config.json alone does not
 * give the passwords away. A value that is not sealed (typed into the file by hand) is taken as it is and sealed at
 * the next write. The desktop app keeps the key itself sealed by the OS keychain and gives it here (`key`).
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(keyFile: string, key?: Buffer) {
    if (key) {
      if (key.length !== 32) throw new Error('the station was given a secret key that is not 256 bits long.');
      this.key = key;
    } else if (existsSync(keyFile)) {
      const text = readFileSync(keyFile, 'utf8').trim();
      if (text.startsWith(KEYCHAIN_SEALED)) {
        throw new Error(`${keyFile} is sealed by the desktop app's OS keychain: open this data folder with the desktop app (or move its connection passwords out first).`);
      }
      this.key = Buffer.from(text, 'base64');
      if (this.key.length !== 32) throw new Error(`${keyFile} does not hold a 256-bit key; restore it from the backup of this data folder.`);
    } else {
      mkdirSync(dirname(keyFile), { recursive: true });
      this.key = newSecretKey();
      writeFileSync(keyFile, `${this.key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    }
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  open(value: string): string {
    if (!value.startsWith(PREFIX)) return value;
    const raw = Buffer.from(value.slice(PREFIX.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    try {
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('a sealed password does not open with this station\'s key (secret.key was replaced?); enter the password again under Connections.');
    }
  }

}

export const newSecretKey = (): Buffer => randomBytes(32);

/** A configuration's connection passwords, sealed or opened. */
export function mapPasswords<T extends { connections: readonly { password?: string }[]; uns?: { password?: string } | null }>(config: T, f: (password: string) => string): T {
  const connections = config.connections.map((c) => (c.password ? { ...c, password: f(c.password) } : c));
  return { ...config, connections, ...(config.uns?.password ? { uns: { ...config.uns, password: f(config.uns.password) } } : {}) };
}
