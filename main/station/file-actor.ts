import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';

/** The operating-system account that owns a file: its name where the system says (POSIX), else its uid; null on Windows. */
export function fileOwner(path: string): string | null {
  if (process.platform === 'win32') return null;
  let uid: number;
  try {
    uid = statSync(path).uid;
  } catch {
    return null;
  }
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.split(':')[2] === String(uid));
    return line?.split(':')[0] ?? `uid ${uid}`;
  } catch {
    return `uid ${uid}`;
  }
}

/**
 * Who a change that came in as a file is recorded as: the kind of file, its name and the account that owns it ("import
 * file ORDERS.xml (owner erp-svc)"): the station does not know the person, but the record names what it does know.
 */
export function fileActor(kind: string, path: string): string {
  const owner = fileOwner(path);
  return `${kind} ${basename(path)}${owner ? ` (owner ${owner})` : ''}`;
}
