export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Plain timestamped lines on stderr, so stdout stays for what a person or script asked for. */
export function consoleLog(prefix = 'station'): Log {
  const line = (level: string, message: string) => process.stderr.write(`${new Date().toISOString()} ${level} [${prefix}] ${message}\n`);
  return {
    info: (m) => line('info ', m),
    warn: (m) => line('warn ', m),
    error: (m, e) => line('error', e === undefined ? m : `${m}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
  };
}

export const silentLog: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };
