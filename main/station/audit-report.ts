import type { AuditEntry, AuditFilter, ChainReportView } from '../../core';
import { csvCell } from './csv';
import { textPdf } from './pdf';

/** What a report says about itself: the station, who made it and when, the filters, the chain's state and checkpoint. */
export interface ReportHeading {
  readonly stationId: string;
  readonly madeBy: string;
  readonly madeAt: string;
  readonly filter: AuditFilter;
  readonly chain: ChainReportView;
  /** The entries found were more than a report holds. */
  readonly cut: boolean;
}


const filterText = (f: AuditFilter): string =>
  Object.entries(f)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ') || 'none (the whole trail)';

const chainText = (c: ChainReportView): string =>
  c.intact
    ? `intact: ${c.events} events verified at ${c.verifiedAt}`
    : `NOT INTACT at event ${c.firstBreak?.seq}: ${c.firstBreak?.problem}: ${c.firstBreak?.why}`;

export const checkpointOf = (c: ChainReportView): string => (c.head ? `${c.head.seq}:${c.head.hash}` : '0:');

/** The audit report as CSV: a commented heading (station, maker, filters, chain, checkpoint), then one row per entry. */
export function auditCsv(entries: readonly AuditEntry[], h: ReportHeading): string {
  const head = [
    `# Audit report, station ${h.stationId}, made ${h.madeAt} by ${h.madeBy}`,
    `# Filters: ${filterText(h.filter)}`,
    `# Record: ${chainText(h.chain)}`,
    `# Checkpoint (keep it; mes verify --checkpoint): ${checkpointOf(h.chain)}`,
    ...(h.cut ? ['# More entries matched than a report holds: narrow the filters.'] : []),
  ];
  const columns = ['seq', 'at_utc', 'actor', 'actor_name', 'type', 'object', 'what', 'why', 'before', 'after', 'signatures', 'correlation_id'];
  const rows = entries.map((e) =>
    [
      e.seq,
      e.at,
      e.actor,
      e.actorName,
      e.type,
      `${e.object.kind} ${e.object.id}`,
      e.what,
      e.why,
      e.change ? e.change.before : null,
      e.change ? e.change.after : null,
      e.signatures.map((s) => s.manifestation).join(' | '),
      e.correlationId,
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[...head, columns.join(','), ...rows].join('\r\n')}\r\n`;
}

const short = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? 'none' : s.length > 600 ? `${s.slice(0, 600)}…` : s;
};

/** The audit report as PDF: the same heading, each entry with its signatures' manifestations, the checkpoint at the end. */
export function auditPdf(entries: readonly AuditEntry[], h: ReportHeading): Buffer {
  const lines: string[] = [
    `Filters: ${filterText(h.filter)}`,
    `Record: ${chainText(h.chain)}`,
    `Checkpoint (keep it; mes verify --checkpoint): ${checkpointOf(h.chain)}`,
    ...(h.chain.chainedLater ? [`Events 1-${h.chain.chainedLater.through} were recorded before the chain and chained on ${h.chain.chainedLater.at}.`] : []),
    ...(h.cut ? ['More entries matched than a report holds: narrow the filters.'] : []),
    `${entries.length} entries, oldest first. Times are UTC.`,
    '',
  ];
  for (const e of entries) {
    lines.push(`#${e.seq}  ${e.at}  ${e.actorName ? `${e.actorName} (${e.actor})` : e.actor}  ${e.object.kind} ${e.object.id}`);
    lines.push(`    ${e.what}${e.why ? ` — why: ${e.why}` : ''}`);
    if (e.change) lines.push(`    before: ${short(e.change.before)}`, `    after: ${short(e.change.after)}`);
    for (const s of e.signatures) lines.push(`    Signed: ${s.manifestation}`);
  }
  lines.push('', `End of report. Checkpoint: ${checkpointOf(h.chain)}`);
  return textPdf({ title: `Audit report, station ${h.stationId}`, subtitle: `Made ${h.madeAt} by ${h.madeBy}`, lines });
}
