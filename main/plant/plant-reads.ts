import type pg from 'pg';
import { ErrorCode, fail, ok, type AsBuiltView, type AuditEntry, type AuditFilter, type GenealogyGraph, type GenealogyQuery, type OrderView, type PlantLosses, type PlantOee, type PlantSpc, type SpcChartView, type PlantOverview, type PlantRecallList, type Result, type WipItem } from '../../core';
import { oeeModel } from '../oee';
import { AuditTrail, Downtime, Production, Queries, Reports, ShiftReports, Spc, csvCell, recordedLineSetup, systemClock, type ShiftReportFile } from '../station';
import { EventStore, verifyChainInSlices, type ChainReport, type Db } from '../store';
import { PlantGenealogy } from './plant-genealogy';
import type { PlantProjector } from './plant-projector';
import { UnknownStationError } from './unknown-station';
import { nextTurn } from '../process';

/** How far back one plant-wide OEE or losses request reaches: every line's periods are computed for it. */
const PLANT_OEE_MAX_DAYS = 93;
const badRange = (q: { from: string; to: string }) => {
  const span = Date.parse(q.to) - Date.parse(q.from);
  if (span <= 0) return fail(ErrorCode.validation, 'The time range is empty: "to" must be after "from".');
  if (span > PLANT_OEE_MAX_DAYS * 86_400_000) return fail(ErrorCode.validation, `Ask the plant for at most ${PLANT_OEE_MAX_DAYS} days of every line at a time (a line's own station answers for longer).`);
  return null;
};

type PlantLine = { db: Db; lineId: () => string | null; queries: Queries; reports: Reports; trail: AuditTrail; production: Production; downtime: Downtime; spc: Spc; shiftReports: ShiftReports };


/**
 * What the plant answers: its stations and what spans lines from PostgreSQL; a line's orders, as-built records and
 * audit trail from the plant's replica of that line's station, by the station's own read code, so the plant and the
 * line answer alike.
 */
export class PlantReads {
  private readonly lines = new Map<string, PlantLine>();
  private readonly genealogy: PlantGenealogy;
  private readonly walks = new Map<string, Promise<ChainReport>>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly projector: PlantProjector,
  ) {
    this.genealogy = new PlantGenealogy(pool);
  }

  async overview(): Promise<PlantOverview> {
    try {
      const status = await this.projector.status();
      const refused = await this.pool.query<{ station_id: string; first_seq: string; last_seq: string; reason: string; received_at: Date }>(
        'SELECT station_id, first_seq, last_seq, reason, received_at FROM refused_batches ORDER BY id DESC LIMIT 50',
      );
      return {
        database: 'up',
        stations: status.map((s) => ({ id: s.stationId, received: s.received, projected: s.projected, published: s.published, lastReceived: s.lastReceived, stopped: s.stopped })),
        refused: refused.rows.map((r) => ({ station: r.station_id, firstSeq: Number(r.first_seq), lastSeq: Number(r.last_seq), reason: r.reason, receivedAt: r.received_at.toISOString() })),
      };
    } catch {
      return { database: 'down', stations: [], refused: [] };
    }
  }

  recall(lot: string): Promise<PlantRecallList> {
    return this.genealogy.recall(lot);
  }

  /** The recall list as CSV: one row per unit reached, with its line. */
  recallCsv(list: PlantRecallList, lot: string, madeAt: string, madeBy: string): string {
    const lines = [
      `# Plant-wide recall of lot ${lot}; made ${madeAt} by ${madeBy}; ${list.units.length} units in ${list.orders.length} orders on ${new Set(list.units.map((u) => u.station)).size} lines`,
      'line,serial,order,product,revision,status,completed_at,reached_through,depth',
      ...list.units.map((u) => [u.station, u.serial, u.order, u.product, u.revision, u.status, u.endedAt, u.via, u.depth].map(csvCell).join(',')),
    ];
    return `${lines.join('\r\n')}\r\n`;
  }

  graph(q: GenealogyQuery): Promise<GenealogyGraph> {
    return this.genealogy.graph(q);
  }

  buildOf(serial: string) {
    return this.genealogy.buildOf(serial);
  }

  async lineOrders(station: string, status: 'open' | 'all'): Promise<OrderView[]> {
    return (await this.line(station)).queries.orders(status);
  }

  async lineWip(station: string): Promise<WipItem[]> {
    return (await this.line(station)).queries.wip();
  }

  async lineAsBuilt(station: string, serial: string): Promise<AsBuiltView | null> {
    return (await this.line(station)).reports.asBuilt(serial);
  }

  async lineAudit(station: string, filter: AuditFilter & { before?: number; limit: number }, hiddenTypes: readonly string[]): Promise<{ entries: AuditEntry[]; more: boolean }> {
    return (await this.line(station)).trail.query(filter, hiddenTypes);
  }

  /**
   * Every line's OEE by shift or day, each computed by its station's own code over the plant's replica of it, a line at
   * a time with the loop free between them; a line whose OEE cannot be computed says why and the others still answer.
   */
  async oee(q: { by: 'shift' | 'day'; from: string; to: string }): Promise<Result<PlantOee>> {
    const refused = badRange(q);
    if (refused) return refused;
    const each = await this.eachLine((l) => l.production.oee(q));
    return ok({
      lines: each.map((e) => (e.value ? { station: e.station, line: e.value.line, rows: e.value.rows, error: null } : { station: e.station, line: null, rows: [], error: e.error })),
    });
  }

  /** Every line's losses as its station computes them, and the plant's Paretos: each reason's downtime and scrap summed over the lines. */
  async losses(q: { from: string; to: string }): Promise<Result<PlantLosses>> {
    const refused = badRange(q);
    if (refused) return refused;
    const each = await this.eachLine((l) => {
      const r = l.downtime.losses(q);
      return r.ok ? ok({ line: l.lineId(), losses: r.value }) : r;
    });
    const downtime = new Map<string, PlantLosses['downtimePareto'][number]>();
    const scrap = new Map<string, PlantLosses['scrapPareto'][number]>();
    for (const { station, value } of each) {
      for (const d of value?.losses.downtimePareto ?? []) {
        const key = `${d.code ?? ''}|${d.label}`;
        const sum = downtime.get(key) ?? { code: d.code, label: d.label, seconds: 0, stops: 0, lines: [] };
        downtime.set(key, { ...sum, seconds: sum.seconds + d.seconds, stops: sum.stops + d.stops, lines: sum.lines.includes(station) ? sum.lines : [...sum.lines, station] });
      }
      for (const s of value?.losses.scrapPareto ?? []) {
        const sum = scrap.get(s.reason) ?? { reason: s.reason, pieces: 0, lines: [] };
        scrap.set(s.reason, { ...sum, pieces: sum.pieces + s.pieces, lines: sum.lines.includes(station) ? sum.lines : [...sum.lines, station] });
      }
    }
    return ok({
      lines: each.map((e) => ({ station: e.station, line: e.value?.line ?? null, losses: e.value?.losses ?? null, error: e.error })),
      downtimePareto: [...downtime.values()].sort((a, b) => b.seconds - a.seconds || a.label.localeCompare(b.label)),
      scrapPareto: [...scrap.values()].sort((a, b) => b.pieces - a.pieces || a.reason.localeCompare(b.reason)),
    });
  }

  /** Every line's SPC characteristics as its station judges them, a line at a time. */
  async spc(): Promise<PlantSpc> {
    const each = await this.eachLine((l) => ok({ line: l.lineId(), characteristics: l.spc.characteristics() }));
    return { lines: each.map((e) => ({ station: e.station, line: e.value?.line ?? null, characteristics: e.value?.characteristics ?? [], error: e.error })) };
  }

  /** A line's shift report, made by its station's own code from the plant's replica. */
  async lineShiftReport(station: string, shift: string, format: 'csv' | 'pdf', made: { by: string; at: string }): Promise<Result<ShiftReportFile>> {
    return (await this.line(station)).shiftReports.report(shift, format, made);
  }

  /** A line's control chart, drawn by its station's own code from the plant's replica. */
  async lineSpcChart(station: string, q: { workCenter: string; measurement: string; from?: string | undefined; to?: string | undefined; last: number }): Promise<Result<SpcChartView>> {
    return (await this.line(station)).spc.chart(q);
  }

  /**
   * Something computed for every line by its station's own code over the plant's replica, a line at a time with the
   * loop free between them; a line where it cannot be says why and the others still answer.
   */
  private async eachLine<T>(work: (l: PlantLine) => Result<T>): Promise<{ station: string; value: T | null; error: string | null }[]> {
    const out: { station: string; value: T | null; error: string | null }[] = [];
    for (const { id } of (await this.pool.query<{ id: string }>('SELECT id FROM stations ORDER BY id')).rows) {
      await nextTurn();
      try {
        const r = work(await this.line(id));
        out.push(r.ok ? { station: id, value: r.value, error: null } : { station: id, value: null, error: r.error.message });
      } catch (error) {
        out.push({ station: id, value: null, error: `its record at the plant cannot be read (${(error as Error).message})` });
      }
    }
    return out;
  }

  /** The line's chain walked at the plant, over the replica of its log: the plant's own check of the station's record. */
  async lineVerify(station: string): Promise<ChainReport> {
    // One walk per line at a time, in slices of the loop: a long log does not stop the plant answering meanwhile.
    let walk = this.walks.get(station);
    if (!walk) {
      walk = this.line(station).then((l) => verifyChainInSlices(l.db)).finally(() => this.walks.delete(station));
      this.walks.set(station, walk);
    }
    return walk;
  }

  private async line(station: string) {
    let l = this.lines.get(station);
    if (!l) {
      const known = await this.pool.query('SELECT 1 FROM stations WHERE id = $1', [station]);
      if (known.rowCount === 0) throw new UnknownStationError(`The plant has no station ${station}.`);
      const db = this.projector.replica(station).db;
      // A store over the replica for the station's read code; nothing is ever appended through it.
      const store = new EventStore(db, station, () => undefined);
      const setup = () => recordedLineSetup(db);
      const model = oeeModel(db, () => systemClock.now().getTime());
      const production = new Production(store, systemClock, setup, model);
      const downtime = new Downtime(store, setup, model);
      l = {
        db,
        lineId: () => setup()?.line.id ?? null,
        queries: new Queries(store, () => null, systemClock, () => ({ connected: false, endpoint: null, message: 'at the plant' }), () => 'good'),
        reports: new Reports(db, systemClock),
        trail: new AuditTrail(db, station),
        // The line as its station set it up (a replicated read model), read as asked: an engineer may change it.
        production,
        downtime,
        shiftReports: new ShiftReports(db, setup, model, (q) => production.oee(q), (q) => downtime.losses(q), (q) => downtime.stops(q)),
        // Read only: the plant raises no line's SPC alarm (each station raises its own as its points commit).
        spc: new Spc(store, { system: () => undefined }),
      };
      this.lines.set(station, l);
    }
    return l;
  }
}
