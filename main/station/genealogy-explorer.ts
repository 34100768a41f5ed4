import type { GenealogyGraph, GenealogyQuery, RecallList, RecallQuery } from '../../core';
import type { Db } from '../store';
import { csvCell } from './csv';

type NodeKind = GenealogyGraph['nodes'][number]['kind'];

/**
 * The genealogy explorer's reads: a graph around a serial, lot, order or material (forward: a lot to every unit it went
 * into and on through the sub-assemblies those units became; backward: a unit to every lot, and on through the units
 * those lots were), and the recall list: every unit and order a suspect lot, or a time window at a work center, reached.
 */
export class GenealogyExplorer {
  constructor(private readonly db: Db) {}

  graph(q: GenealogyQuery): GenealogyGraph {
    const max = q.maxNodes;
    const nodes = new Map<string, GenealogyGraph['nodes'][number]>();
    const edges = new Map<string, GenealogyGraph['edges'][number]>();
    let truncated = false;
    const unitRow = this.db.prepare('SELECT serial, order_number, product, revision, status FROM units WHERE serial = ?');
    const usesOfLot = this.db.prepare('SELECT lot, material, revision, serial, operation FROM genealogy WHERE lot = ? ORDER BY serial LIMIT ?');
    const lotsOfUnit = this.db.prepare('SELECT lot, material, revision, serial, operation FROM genealogy WHERE serial = ? ORDER BY operation, lot');
    const addNode = (id: string, kind: NodeKind, label: string, extra: { status?: string; material?: string; order?: string } = {}): boolean => {
      if (nodes.has(id)) return true;
      if (nodes.size >= max) return ((truncated = true), false);
      nodes.set(id, { id, kind, label, status: extra.status ?? null, material: extra.material ?? null, order: extra.order ?? null });
      return true;
    };
    const addUnit = (serial: string): boolean => {
      const u = unitRow.get(serial) as { serial: string; order_number: string; product: string; revision: string; status: string } | undefined;
      return addNode(`unit:${serial}`, 'unit', serial, u ? { status: u.status, material: `${u.product} rev ${u.revision}`, order: u.order_number } : {});
    };
    const addEdge = (from: string, to: string, material: string, operation: number) => {
      edges.set(`${from}>${to}`, { from, to, material, operation });
    };
    type Row = { lot: string; material: string; revision: string; serial: string; operation: number };
    // A lot that is a unit built here (a sub-assembly) is that unit's node.
    const lotNode = (lot: string, material: string): string => {
      if (unitRow.get(lot)) {
        addUnit(lot);
        return `unit:${lot}`;
      }
      addNode(`lot:${lot}`, 'lot', lot, { material });
      return `lot:${lot}`;
    };
    const forward = (starts: string[]) => {
      const queue = [...starts];
      const seen = new Set<string>();
      while (queue.length > 0 && !truncated) {
        const lot = queue.shift()!;
        if (seen.has(lot)) continue;
        seen.add(lot);
        for (const r of usesOfLot.all(lot, max) as Row[]) {
          const from = lotNode(r.lot, r.material);
          if (!addUnit(r.serial)) break;
          addEdge(from, `unit:${r.serial}`, `${r.material} rev ${r.revision}`, r.operation);
          queue.push(r.serial);
        }
      }
    };
    const backward = (serials: string[]) => {
      const queue = [...serials];
      const seen = new Set<string>();
      while (queue.length > 0 && !truncated) {
        const serial = queue.shift()!;
        if (seen.has(serial)) continue;
        seen.add(serial);
        if (!addUnit(serial)) break;
        for (const r of lotsOfUnit.all(serial) as Row[]) {
          const from = lotNode(r.lot, r.material);
          if (!nodes.has(from)) break;
          addEdge(from, `unit:${serial}`, `${r.material} rev ${r.revision}`, r.operation);
          if (from.startsWith('unit:')) queue.push(r.lot);
        }
      }
    };
    const both = q.direction === 'both';
    switch (q.kind) {
      case 'lot':
        lotNode(q.id, '');
        if (q.direction !== 'backward' || both) forward([q.id]);
        if (unitRow.get(q.id) && (q.direction === 'backward' || both)) backward([q.id]);
        break;
      case 'serial':
        if (!unitRow.get(q.id)) break;
        addUnit(q.id);
        if (q.direction !== 'forward') backward([q.id]);
        if (q.direction !== 'backward') forward([q.id]);
        break;
      case 'order': {
        const serials = this.db.prepare('SELECT serial FROM units WHERE order_number = ? ORDER BY serial LIMIT ?').pluck().all(q.id, max) as string[];
        addNode(`order:${q.id}`, 'order', q.id);
        for (const s of serials) {
          if (!addUnit(s)) break;
          addEdge(`order:${q.id}`, `unit:${s}`, '', 0);
        }
        if (q.direction !== 'forward') backward(serials);
        if (q.direction !== 'backward') forward(serials);
        break;
      }
      case 'material': {
        const lots = this.db.prepare('SELECT DISTINCT lot FROM genealogy WHERE material = ? ORDER BY lot LIMIT ?').pluck().all(q.id, max) as string[];
        for (const l of lots) lotNode(l, q.id);
        forward(lots);
        break;
      }
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()], truncated };
  }

  /**
   * Every unit a suspect lot reached (through sub-assemblies too), or every unit that went through a work center in a
   * time window and every unit they were built into; with their orders. One recursive query, however many units.
   */
  recall(q: RecallQuery): RecallList {
    const seeds =
      'lot' in q
        ? { sql: 'SELECT serial, lot AS via FROM genealogy WHERE lot = ?', params: [q.lot] }
        : {
            sql: `SELECT DISTINCT serial, work_center AS via FROM unit_operations
                  WHERE work_center = ? AND coalesce(started_at, ended_at) < ? AND coalesce(ended_at, started_at) >= ?`,
            params: [q.workCenter, q.to, q.from],
          };
    const rows = this.db
      .prepare(
        `WITH RECURSIVE affected(serial, via, depth) AS (
           SELECT serial, via, 0 FROM (${seeds.sql})
           UNION
           SELECT g.serial, a.serial, a.depth + 1 FROM genealogy g JOIN affected a ON g.lot = a.serial WHERE a.depth < 20
         )
         SELECT a.serial, min(a.via) AS via, min(a.depth) AS depth, u.order_number, u.product, u.revision, u.status, u.ended_at
         FROM affected a JOIN units u ON u.serial = a.serial
         GROUP BY a.serial ORDER BY u.order_number, a.serial`,
      )
      .all(...seeds.params) as { serial: string; via: string; depth: number; order_number: string; product: string; revision: string; status: string; ended_at: string | null }[];
    const orders = new Map<string, { number: string; product: string; revision: string; units: number }>();
    for (const r of rows) {
      const o = orders.get(r.order_number) ?? { number: r.order_number, product: r.product, revision: r.revision, units: 0 };
      o.units += 1;
      orders.set(r.order_number, o);
    }
    return {
      units: rows.map((r) => ({ serial: r.serial, order: r.order_number, product: r.product, revision: r.revision, status: r.status, endedAt: r.ended_at, via: r.via, depth: r.depth })),
      orders: [...orders.values()],
    };
  }

  /** The recall list as CSV: one row per affected unit, with its order and how the suspect reached it. */
  recallCsv(list: RecallList, what: string, madeAt: string, madeBy: string): string {
    const lines = [
      `# Recall: ${what}; made ${madeAt} by ${madeBy}; ${list.units.length} units in ${list.orders.length} orders`,
      'serial,order,product,revision,status,completed_at,reached_through,depth',
      ...list.units.map((u) => [u.serial, u.order, u.product, u.revision, u.status, u.endedAt, u.via, u.depth].map(csvCell).join(',')),
    ];
    return `${lines.join('\r\n')}\r\n`;
  }
}
