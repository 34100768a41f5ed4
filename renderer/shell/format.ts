// Plant-floor formats: 24-hour times, ISO-like dates, no locale surprises between shifts.
const pad = (n: number): string => String(n).padStart(2, '0');

export function formatTime(value: string | Date | null): string {
  const date = toDate(value);
  return date ? `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` : '–';
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function formatDate(value: string | Date | null): string {
  // A due date without a time is a calendar day, not UTC midnight: show it as given.
  if (typeof value === 'string' && DATE_ONLY.test(value)) return value;
  const date = toDate(value);
  return date ? `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` : '–';
}

export function formatDateTime(value: string | Date | null): string {
  if (typeof value === 'string' && DATE_ONLY.test(value)) return value;
  const date = toDate(value);
  return date ? `${formatDate(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}` : '–';
}

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatAge(since: string | null, now: Date): string {
  const date = toDate(since);
  if (!date) return '–';
  const seconds = Math.max(0, Math.floor((now.getTime() - date.getTime()) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

function toDate(value: string | Date | null): Date | null {
  if (value === null) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
