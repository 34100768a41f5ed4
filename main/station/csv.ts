/**
 * One CSV cell (RFC 4180): quoted where it holds a quote, comma or line break; a cell a spreadsheet would run as a
 * formula (=, +, -, @, tab, CR first) gets a leading apostrophe, so that an exported value never runs as one.
 */
export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
