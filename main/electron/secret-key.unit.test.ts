import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../tests/support/station-fixtures';
import { SecretBox } from '../station/secrets';
import { desktopSecretKey, type Keychain } from './secret-key';

// The OS keychain as Electron's safeStorage gives it: a cipher under a key this user's session holds. Here a real
// AES-GCM under a key of the test's own (the Electron binary, and so safeStorage, is not on this machine).
function keychain(available = true): Keychain {
  const master = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', master, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString: (sealed) => {
      const d = createDecipheriv('aes-256-gcm', master, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

test('a new desktop data folder keeps its key sealed by the keychain, never in the clear, and opens it again', () => {
  const dir = tempDir('mes-key-');
  try {
    const file = join(dir.path, 'secret.key');
    const os = keychain();
    const first = desktopSecretKey(file, os);
    assert.ok(first.key);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^safeStorage:v1:/);
    assert.ok(!text.includes(first.key.toString('base64')), 'the key is not in the file in the clear');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(desktopSecretKey(file, os).key, first.key, 'the same key, opened by the keychain');
    const sealed = new SecretBox(file, first.key).seal('plc-password');
    assert.equal(new SecretBox(file, desktopSecretKey(file, os).key!).open(sealed), 'plc-password');
    assert.throws(() => new SecretBox(file), /sealed by the desktop app's OS keychain/, 'a headless station says why it cannot open it');
    assert.throws(() => desktopSecretKey(file, keychain()), 'another keychain (another user, a copied folder) cannot open it');
  } finally {
    dir.dispose();
  }
});

test('a key file the headless station wrote is sealed by the keychain the first time the desktop app opens the folder', () => {
  const dir = tempDir('mes-key-');
  try {
    const file = join(dir.path, 'secret.key');
    const headless = new SecretBox(file);
    const password = headless.seal('broker-password');
    const r = desktopSecretKey(file, keychain());
    assert.match(r.note ?? '', /now sealed by the OS keychain/);
    assert.match(readFileSync(file, 'utf8'), /^safeStorage:v1:/);
    assert.equal(new SecretBox(file, r.key!).open(password), 'broker-password', 'passwords sealed before still open');
  } finally {
    dir.dispose();
  }
});

test('without a keychain the key file stays as a headless station keeps it; a sealed one then cannot be opened, saying why', () => {
  const dir = tempDir('mes-key-');
  try {
    const file = join(dir.path, 'secret.key');
    new SecretBox(file);
    const before = readFileSync(file, 'utf8');
    const r = desktopSecretKey(file, keychain(false));
    assert.equal(r.key, null);
    assert.match(r.note ?? '', /No OS keychain/);
    assert.equal(readFileSync(file, 'utf8'), before);
    desktopSecretKey(file, keychain());
    assert.throws(() => desktopSecretKey(file, keychain(false)), /keychain, which is not available now/);
  } finally {
    dir.dispose();
  }
});
