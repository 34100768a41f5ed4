import { genealogyGraph, type GenealogyGraph, type GenealogyQuery, type GraphUse, type RecallList, type RecallQuery } from '../../core';
import type { Db } from '../store';
import { csvCell } from './csv';

/**
 * The genealogy explorer's reads: a graph around a serial, lot, order or material (forward: a lot to every unit it went
 * into and on through the sub-assemblies those units became; backward: a unit to every lot, and on through the units
 * those lots were), and the recall list: every unit and order a suspect lot, or a time window at a work center, reached.
 */
export class GenealogyExplorer {
  constructor(private readonly db: Db) {}

  graph(q: GenealogyQuery): Promise<GenealogyGraph> {
    const unitRow = this.db.prepare('SELECT serial, order_number, product, revision, status FROM units WHERE serial = ?');
    const uses = 'SELECT lot, material, revision, serial, operation FROM genealogy';
    const usesOfLot = this.db.prepare(`${uses} WHERE lot = ? ORDER BY serial LIMIT ?`);
    const lotsOfUnit = this.db.prepare(`${uses} WHERE serial = ? ORDER BY operation, lot`);
    return genealogyGraph(q, {
      unit: (serial) => {
        const u = unitRow.get(serial) as { serial: string; order_number: string; product: string; revision: string; status: string } | undefined;
        return u && { serial: u.serial, order: u.order_number, product: u.product, revision: u.revision, status: u.status };
      },
      usesOfLot: (lot, max) => usesOfLot.all(lot, max) as GraphUse[],
      lotsOfUnit: (serial) => lotsOfUnit.all(serial) as GraphUse[],
      unitsOfOrder: (order, max) => this.db.prepare('SELECT serial FROM units WHERE order_number = ? ORDER BY serial LIMIT ?').pluck().all(order, max) as string[],
      lotsOfMaterial: (material, max) => this.db.prepare('SELECT DISTINCT lot FROM genealogy WHERE material = ? ORDER BY lot LIMIT ?').pluck().all(material, max) as string[],
    });
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
