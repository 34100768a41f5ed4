/** Installs the Debian packages the tests and benchmarks need (Chromium, Mosquitto) when missing; as root only, else says how. */
export function ensureSystemDeps(): void;
