/** Installs the Debian packages the tests and benchmarks need (Chromium, Mosquitto, PostgreSQL) when missing; as root only, else says how. */
export function ensureSystemDeps(): void;
