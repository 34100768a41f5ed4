import { changeOf, objectOf, shownSignature, reasonOf, whatOf, type AuditEntry, type AuditFilter, type BoundSignature, type ChainReportView } from '../../core';
import { auditCsv, auditPdf, checkpointOf } from './audit-report';
import type { Db } from '../store';

interface Row {
  seq: number;
  at: string;
  actor: string;
  type: string;
  stream: string;
  data: string;
  correlation_id: string | null;
  signatures: string | null;
  actor_name: string | null;
}

/** Where an object's events are: its stream, or its id in the data of others' events (a lot, a work center). */
function objectClause(kind: NonNullable<AuditFilter['objectKind']>, id: string | undefined, params: unknown[]): string {
  const any = id === undefined || id === '';
  const p = (v: unknown): string => {
    params.push(v);
    return '?';
  };
  switch (kind) {
    case 'order':
      return any ? "e.stream LIKE 'order:%'" : `(e.stream = ${p(`order:${id}`)} OR (e.stream LIKE 'unit:%' AND json_extract(e.data, '$.order') = ${p(id)}))`;
    case 'unit':
      return any ? "e.stream LIKE 'unit:%'" : `e.stream = ${p(`unit:${id}`)}`;
    case 'lot':
      return any ? "json_extract(e.data, '$.lot') IS NOT NULL" : `json_extract(e.data, '$.lot') = ${p(id)}`;
    case 'product':
      return any ? "e.stream LIKE 'product:%'" : `(e.stream LIKE ${p(`product:${id}/%`)} OR json_extract(e.data, '$.header.product') = ${p(id)})`;
    case 'material':
      return any
        ? "(e.stream LIKE 'material:%' OR e.stream LIKE 'stock:%')"
        : `(e.stream LIKE ${p(`material:${id}/%`)} OR e.stream LIKE ${p(`stock:${id}/%`)} OR json_extract(e.data, '$.material') = ${p(id)})`;
    case 'work-center':
      return any ? "e.stream LIKE 'wc:%'" : `(e.stream = ${p(`wc:${id}`)} OR json_extract(e.data, '$.workCenter') = ${p(id)})`;
    case 'user':
      return any ? "(e.stream LIKE 'user:%' OR e.stream LIKE 'access:%')" : `(e.stream IN (${p(`user:${id}`)}, ${p(`access:${id}`)}) OR json_extract(e.data, '$.username') = ${p(id)})`;
    case 'line':
      return any ? "(e.stream LIKE 'line:%' OR e.stream LIKE 'queue:%')" : `e.stream IN (${p(`line:${id}`)}, ${p(`queue:${id}`)})`;
    case 'alarm':
      return any ? "e.stream LIKE 'alarm:%'" : `e.stream = ${p(`alarm:${id}`)}`;
    case 'configuration':
      return "(e.stream LIKE 'config:%' OR e.stream LIKE 'policy:%' OR e.stream LIKE 'line:%')";
  }
}

/**
 * The audit trail for people, read straight from the log: each event as who, what, when, why, before and after, and its
 * signatures' manifestations; filtered by user (who did it or signed it), object, type and time; newest first.
 */
export class AuditTrail {
  constructor(
    private readonly db: Db,
    readonly stationId: string,
  ) {}

  query(filter: AuditFilter & { before?: number; limit: number }, hiddenTypes: readonly string[] = []): { entries: AuditEntry[]; more: boolean } {
    const where: string[] = [];
    const params: unknown[] = [];
    const and = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (filter.before !== undefined) and('e.seq < ?', filter.before);
    if (filter.user) and('(e.actor = ? OR e.seq IN (SELECT seq FROM signatures WHERE username = ?))', filter.user, filter.user);
    if (filter.objectKind) where.push(objectClause(filter.objectKind, filter.objectId, params));
    if (filter.type) and('e.type = ?', filter.type);
    if (filter.from) and('e.at >= ?', filter.from);
    if (filter.to) and('e.at < ?', filter.to);
    if (hiddenTypes.length > 0) and(`e.type NOT IN (${hiddenTypes.map(() => '?').join(', ')})`, ...hiddenTypes);
    const rows = this.db
      .prepare(
        `SELECT e.seq, e.at, e.actor, e.type, e.stream, e.data, e.correlation_id, e.signatures, u.display_name AS actor_name
         FROM events e LEFT JOIN users u ON u.username = e.actor
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.seq DESC LIMIT ?`,
      )
      .all(...params, filter.limit + 1) as Row[];
    const more = rows.length > filter.limit;
    return { entries: rows.slice(0, filter.limit).map(entryOf), more };
  }

  /** A report for an auditor: the filtered trail, oldest first, with the chain's state and its checkpoint. */
  report(filter: AuditFilter, hiddenTypes: readonly string[], format: 'csv' | 'pdf', made: { by: string; at: string }, chain: ChainReportView) {
    const { entries, more } = this.all(filter, hiddenTypes, REPORT_MAX);
    const heading = { stationId: this.stationId, madeBy: made.by, madeAt: made.at, filter, chain, cut: more };
    const body = format === 'pdf' ? auditPdf(entries, heading) : Buffer.from(auditCsv(entries, heading), 'utf8');
    return {
      fileName: `audit-${this.stationId}-${made.at.replace(/[:.]/g, '-')}.${format}`,
      contentType: format === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8',
      base64: body.toString('base64'),
      entries: entries.length,
      checkpoint: checkpointOf(chain),
    };
  }

  /** Every entry the filter finds, oldest first, up to `max` (a report). */
  all(filter: AuditFilter, hiddenTypes: readonly string[], max: number): { entries: AuditEntry[]; more: boolean } {
    const out: AuditEntry[] = [];
    let before: number | undefined;
    for (;;) {
      const page = this.query({ ...filter, ...(before !== undefined ? { before } : {}), limit: 500 }, hiddenTypes);
      out.push(...page.entries);
      if (!page.more || out.length >= max) return { entries: out.slice(0, max).reverse(), more: page.more || out.length > max };
      before = page.entries[page.entries.length - 1]?.seq;
    }
  }
}

/** The most entries one report holds. */
const REPORT_MAX = 50_000;

function entryOf(r: Row): AuditEntry {
  const data = JSON.parse(r.data) as unknown;
  const signatures = r.signatures ? (JSON.parse(r.signatures) as BoundSignature[]) : [];
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    actorName: r.actor_name,
    type: r.type,
    object: objectOf(r.stream, data),
    what: whatOf(r.type, data),
    why: reasonOf(data),
    change: changeOf(r.type, data),
    correlationId: r.correlation_id,
    signatures: signatures.map(shownSignature),
  };
}
