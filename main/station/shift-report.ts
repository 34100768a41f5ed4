import { ErrorCode, fail, findShift, ok, type LineSetup, type LossesView, type OeeRow, type Result, type StopView } from '../../core';
import type { OeeModel } from '../oee';
import type { Db } from '../store';
import { csvCell } from './csv';
import { textPdf } from './pdf';
import { oeeLineOf } from './production';

export interface ShiftReportFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly base64: string;
}

/** What a shift's report holds, in sections of rows: one source for the CSV and the PDF. */
interface Section {
  readonly title: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
const min = (s: number) => Math.round(s / 60);
const hhmm = (iso: string) => iso.slice(11, 16);

/**
 * The report a shift lead hands over: output, OEE per work center and for the line, the top losses, stops still
 * without a reason, and the alarms of the shift; as CSV (sections one after another) or as a PDF to print.
 */
export class ShiftReports {
  private readonly alarms;

  constructor(
    db: Db,
    private readonly line: () => LineSetup | null,
    private readonly model: OeeModel,
    private readonly oee: (q: { by: 'shift'; from: string; to: string }) => Result<{ rows: OeeRow[] }>,
    private readonly losses: (q: { from: string; to: string }) => Result<LossesView>,
    private readonly stops: (q: { from: string; to: string; needsReason: boolean }) => Result<{ stops: StopView[] }>,
  ) {
    this.alarms = db.prepare(
      `SELECT l.at, l.kind, l.id, l.actor, a.priority, a.message FROM alarm_log l JOIN alarms a ON a.id = l.id
       WHERE l.at >= ? AND l.at < ? ORDER BY l.seq LIMIT 2000`,
    );
  }

  report(shiftId: string, format: 'csv' | 'pdf', made: { by: string; at: string }): Result<ShiftReportFile> {
    const l = oeeLineOf(this.line());
    if (!l) return fail(ErrorCode.conflict, 'No line is set up yet.');
    const latest = this.model.versions.calendars(l.id).at(-1);
    const probe = latest ? findShift(latest.calendar, shiftId) : null;
    const version = probe ? this.model.versions.calendarAt(l.id, probe.end) : null;
    const found = version ? findShift(version.calendar, shiftId) : null;
    const shift = found ? this.model.reads.judged(l.id, found) : null;
    if (!shift) return fail(ErrorCode.notFound, `Line ${l.id}'s calendar has no shift ${shiftId}.`);
    const range = { from: new Date(shift.start).toISOString(), to: new Date(shift.end).toISOString() };
    const oee = this.oee({ by: 'shift', ...range });
    const losses = this.losses(range);
    const open = this.stops({ ...range, needsReason: true });
    if (!oee.ok) return oee;
    if (!losses.ok) return losses;
    if (!open.ok) return open;
    const rows = oee.value.rows.filter((r) => r.period.id === shiftId);
    const running = rows[0]?.period.running ?? false;
    const sections: Section[] = [
      {
        title: 'Output',
        head: ['Work center', 'Made', 'Good', 'Scrap', 'Rework', 'Source'],
        rows: rows.filter((r) => r.workCenter).map((r) => [r.workCenter!, r.quantities.produced, r.quantities.good, r.quantities.scrap, r.quantities.rework, r.source]),
      },
      {
        title: 'OEE (ISO 22400-2)',
        head: ['Work center', 'Availability', 'Performance', 'Quality', 'OEE', 'Planned min', 'Run min', 'Down min', 'Delay min', 'Stops', 'MTTR min'],
        rows: rows.map((r) => [
          r.workCenter ?? 'Line', pct(r.kpis.availability), pct(r.kpis.effectiveness), pct(r.kpis.quality), pct(r.kpis.oee),
          min(r.times.pbt), min(r.times.apt), min(r.times.adot), min(r.times.adet), r.failures ?? '–', r.kpis.mttrSeconds === null ? '–' : min(r.kpis.mttrSeconds),
        ]),
      },
      {
        title: 'Top losses',
        head: ['Loss', 'Minutes'],
        rows: losses.value.waterfall.filter((b) => b.kind === 'loss' && b.seconds > 0).sort((a, b) => b.seconds - a.seconds).slice(0, 6).map((b) => [b.label, min(b.seconds)]),
      },
      {
        title: 'Downtime by reason',
        head: ['Reason', 'Stops', 'Minutes'],
        rows: losses.value.downtimePareto.slice(0, 8).map((d) => [d.label, d.stops, min(d.seconds)]),
      },
      { title: 'Scrap by reason', head: ['Reason', 'Pieces'], rows: losses.value.scrapPareto.slice(0, 8).map((d) => [d.reason, d.pieces]) },
      {
        title: 'Stops still without a reason',
        head: ['Work center', 'From', 'To', 'Minutes', 'State'],
        rows: open.value.stops.map((s) => [s.workCenter, hhmm(s.start), s.end ? hhmm(s.end) : 'still stopped', min(s.seconds), s.state]),
      },
      {
        title: 'Alarms',
        head: ['At', 'What', 'Alarm', 'Priority', 'By', 'Message'],
        rows: (this.alarms.all(range.from, range.to) as { at: string; kind: string; id: string; actor: string; priority: string; message: string }[]).map((a) => [
          hhmm(a.at), a.kind, a.id, a.priority, a.actor, a.message,
        ]),
      },
    ];
    const title = `Shift report ${shiftId} · line ${l.id}`;
    const subtitle = `${range.from.slice(0, 16).replace('T', ' ')} – ${range.to.slice(11, 16)} UTC${running ? ' (shift still running: figures up to now)' : ''} · made ${made.at.slice(0, 19).replace('T', ' ')} UTC by ${made.by}`;
    const name = `shift-${l.id}-${shiftId.replace('/', '-')}`;
    if (format === 'csv') {
      const lines = [csvCell(title), csvCell(subtitle), ...sections.flatMap((s) => ['', csvCell(s.title), s.head.map(csvCell).join(','), ...s.rows.map((r) => r.map(csvCell).join(','))])];
      return ok({ fileName: `${name}.csv`, contentType: 'text/csv; charset=utf-8', base64: Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8').toString('base64') });
    }
    const pdf = textPdf({ title, subtitle, lines: sections.flatMap((s) => ['', s.title.toUpperCase(), ...table(s)]) });
    return ok({ fileName: `${name}.pdf`, contentType: 'application/pdf', base64: pdf.toString('base64') });
  }
}

/** A section as fixed-width text: each column as wide as its widest cell, the message column last and left free. */
function table(s: Section): string[] {
  if (s.rows.length === 0) return ['  (none)'];
  const cells = [s.head, ...s.rows].map((r) => r.map((c) => String(c)));
  const widths = s.head.map((_, i) => Math.min(40, Math.max(...cells.map((r) => (r[i] ?? '').length))));
  return cells.map((r) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}`);
}
