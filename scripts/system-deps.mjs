// Installs the Debian packages the tests need (real peers, not fakes): Chromium for the browser tests,
// Mosquitto as the MQTT broker. Each is started by the tests themselves on a free loopback port.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const NEEDED = [
  { pkg: 'chromium', file: '/usr/bin/chromium' },
  { pkg: 'mosquitto', file: '/usr/sbin/mosquitto' },
];

export function ensureSystemDeps() {
  const missing = NEEDED.filter((n) => !existsSync(n.file));
  if (missing.length === 0) return;
  const names = missing.map((m) => m.pkg);
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing system packages: ${names.join(', ')}. Install them (sudo apt-get install -y ${names.join(' ')}) and run again.`);
  }
  console.log(`Installing ${names.join(', ')} from Debian…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { stdio: 'inherit', env });
}
