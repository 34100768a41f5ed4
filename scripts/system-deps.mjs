// Installs the Debian packages the tests need (real peers, not fakes): Chromium for the browser tests,
// Mosquitto as the MQTT broker, PostgreSQL for the plant server. Each is started by the tests themselves on a free
// loopback port (PostgreSQL as a cluster of its own in a temp folder, never the system's).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

/** Any PostgreSQL server version Debian installs (its binaries live under /usr/lib/postgresql/<version>/bin). */
const postgresServer = () => existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/postgres`));

const NEEDED = [
  { pkg: 'chromium', found: () => existsSync('/usr/bin/chromium') },
  { pkg: 'mosquitto', found: () => existsSync('/usr/sbin/mosquitto') },
  { pkg: 'postgresql', found: postgresServer },
];

export function ensureSystemDeps() {
  const missing = NEEDED.filter((n) => !n.found());
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
