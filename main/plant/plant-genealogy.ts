import type pg from 'pg';
import { genealogyGraph, type GenealogyGraph, type GenealogyQuery, type GraphUse, type PlantBuildRow, type PlantRecallList } from '../../core';
import { inTransaction } from '../replication';

/**
 * Genealogy across every line, in one recursive query each: forward from a suspect lot to every unit it reached on
 * any line (and on through the sub-assemblies those units became, wherever they went), and back from a unit to
 * every lot and sub-assembly it was built from, on whichever line.
 */
export class PlantGenealogy {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * A trace's one query, walked by index, level by level: the planner cannot know a trace reaches a few dozen rows
   * and, at a hundred million rows, would hash every line's genealogy at each level (minutes, not milliseconds).
   */
  private trace<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<pg.QueryResult<R>> {
    return inTransaction(this.pool, (c) => c.query<R>(sql, params), { readOnly: true, settings: ['enable_hashjoin = off', 'enable_mergejoin = off'] });
  }

  async recall(lot: string, maxDepth = 20): Promise<PlantRecallList> {
    const rows = await this.trace<{ station_id: string; serial: string; via: string; depth: number; order_number: string | null; product: string | null; revision: string | null; status: string | null; ended_at: string | null }>(
      `WITH RECURSIVE affected(station_id, serial, via, depth) AS (
         SELECT station_id, serial, lot, 0 FROM plant_genealogy WHERE lot = $1
         UNION
         SELECT g.station_id, g.serial, a.serial, a.depth + 1 FROM plant_genealogy g JOIN affected a ON g.lot = a.serial WHERE a.depth < $2
       ), reached AS (
         SELECT DISTINCT ON (station_id, serial) station_id, serial, via, depth FROM affected ORDER BY station_id, serial, depth, via
       )
       -- Each unit reached looked up by its key (a join would have the planner scan every line's units).
       SELECT r.station_id, r.serial, r.via, r.depth, u.order_number, u.product, u.revision, u.status, u.ended_at
       FROM reached r LEFT JOIN LATERAL (
         SELECT order_number, product, revision, status, ended_at FROM plant_units pu WHERE pu.station_id = r.station_id AND pu.serial = r.serial LIMIT 1
       ) u ON true
       ORDER BY r.station_id, u.order_number, r.serial`,
      [lot, maxDepth],
    );
    const orders = new Map<string, { station: string; number: string; product: string; revision: string; units: number }>();
    const units = rows.rows.map((r): PlantRecallList['units'][number] => {
      const key = `${r.station_id}\u0000${r.order_number ?? ''}`;
      const o = orders.get(key) ?? { station: r.station_id, number: r.order_number ?? '', product: r.product ?? '', revision: r.revision ?? '', units: 0 };
      o.units += 1;
      orders.set(key, o);
      return { station: r.station_id, serial: r.serial, order: r.order_number ?? '', product: r.product ?? '', revision: r.revision ?? '', status: r.status ?? 'unknown', endedAt: r.ended_at, via: r.via, depth: r.depth };
    });
    return { units, orders: [...orders.values()] };
  }

  /**
   * The genealogy graph around a serial, lot, order or material, across every line (the station's graph, read from
   * the plant's tables; each unit labelled with its line).
   */
  graph(q: GenealogyQuery): Promise<GenealogyGraph> {
    const uses = 'SELECT lot, material, revision, serial, operation FROM plant_genealogy';
    const all = async <R extends pg.QueryResultRow>(sql: string, params: unknown[]) => (await this.pool.query<R>(sql, params)).rows;
    return genealogyGraph(q, {
      unit: async (serial) => {
        const u = (await all<{ station_id: string; order_number: string; product: string; revision: string; status: string }>(
          'SELECT station_id, order_number, product, revision, status FROM plant_units WHERE serial = $1 ORDER BY station_id LIMIT 1',
          [serial],
        ))[0];
        return u && { serial, order: u.order_number, product: u.product, revision: u.revision, status: u.status, line: u.station_id };
      },
      usesOfLot: (lot, max) => all<GraphUse>(`${uses} WHERE lot = $1 ORDER BY serial LIMIT $2`, [lot, max]),
      lotsOfUnit: (serial) => all<GraphUse>(`${uses} WHERE serial = $1 ORDER BY operation, lot`, [serial]),
      unitsOfOrder: async (order, max) => (await all<{ serial: string }>('SELECT serial FROM plant_units WHERE order_number = $1 ORDER BY serial LIMIT $2', [order, max])).map((r) => r.serial),
      lotsOfMaterial: async (material, max) => (await all<{ lot: string }>('SELECT DISTINCT lot FROM plant_genealogy WHERE material = $1 ORDER BY lot LIMIT $2', [material, max])).map((r) => r.lot),
    });
  }

  /** Everything a unit was built from, through sub-assemblies of any line. */
  async buildOf(serial: string, maxDepth = 20): Promise<PlantBuildRow[]> {
    const rows = await this.trace<{ station_id: string; serial: string; lot: string; material: string; revision: string; operation: number; lot_station: string | null; depth: number }>(
      `WITH RECURSIVE went(station_id, serial, lot, material, revision, operation, depth) AS (
         SELECT station_id, serial, lot, material, revision, operation, 0 FROM plant_genealogy WHERE serial = $1
         UNION
         SELECT g.station_id, g.serial, g.lot, g.material, g.revision, g.operation, w.depth + 1
         FROM plant_genealogy g JOIN went w ON g.serial = w.lot WHERE w.depth < $2
       )
       SELECT w.*, (SELECT u.station_id FROM plant_units u WHERE u.serial = w.lot ORDER BY u.station_id LIMIT 1) AS lot_station
       FROM went w ORDER BY w.depth, w.station_id, w.serial, w.operation, w.lot`,
      [serial, maxDepth],
    );
    return rows.rows.map((r) => ({ station: r.station_id, serial: r.serial, lot: r.lot, material: r.material, revision: r.revision, operation: r.operation, lotBuiltBy: r.lot_station, depth: r.depth }));
  }
}
