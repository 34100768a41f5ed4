import { readdirSync, readFileSync } from 'node:fs';

/** A thread's nice value (Linux: /proc/self/task/<tid>/stat, field 19); null if it has ended meanwhile. */
export function niceOf(tid: number | string): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  } catch {
    return null;
  }
}

/** The nice value of each thread of this process (those that end while they are read are left out). */
export function niceOfThreads(): number[] {
  return readdirSync('/proc/self/task')
    .map(niceOf)
    .filter((n): n is number => n !== null);
}
