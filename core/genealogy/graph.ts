import type { GenealogyGraph, GenealogyQuery } from '../api/modules/genealogy';

type NodeKind = GenealogyGraph['nodes'][number]['kind'];

/** A unit as the graph shows it. */
export interface GraphUnit {
  readonly serial: string;
  readonly order: string;
  readonly product: string;
  readonly revision: string;
  readonly status: string;
  /** Where it was built, when the graph spans lines (the plant). */
  readonly line?: string;
}

/** One consumption: a lot (or a unit, as a sub-assembly) built into a unit at an operation. */
export interface GraphUse {
  readonly lot: string;
  readonly material: string;
  readonly revision: string;
  readonly serial: string;
  readonly operation: number;
}

/** Where the graph reads the genealogy: a station's read models, or the plant's tables (sync or async alike). */
export interface GenealogySource {
  unit(serial: string): GraphUnit | undefined | Promise<GraphUnit | undefined>;
  usesOfLot(lot: string, max: number): readonly GraphUse[] | Promise<readonly GraphUse[]>;
  lotsOfUnit(serial: string): readonly GraphUse[] | Promise<readonly GraphUse[]>;
  unitsOfOrder(order: string, max: number): readonly string[] | Promise<readonly string[]>;
  lotsOfMaterial(material: string, max: number): readonly string[] | Promise<readonly string[]>;
}

/**
 * The genealogy as a graph around a serial, lot, order or material: forward, a lot to every unit it went into and on
 * through the sub-assemblies those units became; backward, a unit to every lot, and on through the units those lots
 * were; at most `maxNodes` nodes (truncated says more was reached).
 */
export async function genealogyGraph(q: GenealogyQuery, source: GenealogySource): Promise<GenealogyGraph> {
  const max = q.maxNodes;
  const nodes = new Map<string, GenealogyGraph['nodes'][number]>();
  const edges = new Map<string, GenealogyGraph['edges'][number]>();
  let truncated = false;
  const addNode = (id: string, kind: NodeKind, label: string, extra: { status?: string; material?: string; order?: string } = {}): boolean => {
    if (nodes.has(id)) return true;
    if (nodes.size >= max) return ((truncated = true), false);
    nodes.set(id, { id, kind, label, status: extra.status ?? null, material: extra.material ?? null, order: extra.order ?? null });
    return true;
  };
  const addUnit = async (serial: string): Promise<boolean> => {
    const u = await source.unit(serial);
    const label = u?.line ? `${serial} (${u.line})` : serial;
    return addNode(`unit:${serial}`, 'unit', label, u ? { status: u.status, material: `${u.product} rev ${u.revision}`, order: u.order } : {});
  };
  const addEdge = (from: string, to: string, material: string, operation: number) => {
    edges.set(`${from}>${to}`, { from, to, material, operation });
  };
  // A lot that is a unit built (a sub-assembly) is that unit's node.
  const lotNode = async (lot: string, material: string): Promise<string> => {
    if (await source.unit(lot)) {
      await addUnit(lot);
      return `unit:${lot}`;
    }
    addNode(`lot:${lot}`, 'lot', lot, { material });
    return `lot:${lot}`;
  };
  const forward = async (starts: readonly string[]) => {
    const queue = [...starts];
    const seen = new Set<string>();
    while (queue.length > 0 && !truncated) {
      const lot = queue.shift()!;
      if (seen.has(lot)) continue;
      seen.add(lot);
      for (const r of await source.usesOfLot(lot, max)) {
        const from = await lotNode(r.lot, r.material);
        if (!(await addUnit(r.serial))) break;
        addEdge(from, `unit:${r.serial}`, `${r.material} rev ${r.revision}`, r.operation);
        queue.push(r.serial);
      }
    }
  };
  const backward = async (serials: readonly string[]) => {
    const queue = [...serials];
    const seen = new Set<string>();
    while (queue.length > 0 && !truncated) {
      const serial = queue.shift()!;
      if (seen.has(serial)) continue;
      seen.add(serial);
      if (!(await addUnit(serial))) break;
      for (const r of await source.lotsOfUnit(serial)) {
        const from = await lotNode(r.lot, r.material);
        if (!nodes.has(from)) break;
        addEdge(from, `unit:${serial}`, `${r.material} rev ${r.revision}`, r.operation);
        if (from.startsWith('unit:')) queue.push(r.lot);
      }
    }
  };
  const both = q.direction === 'both';
  switch (q.kind) {
    case 'lot': {
      await lotNode(q.id, '');
      if (q.direction !== 'backward' || both) await forward([q.id]);
      if ((await source.unit(q.id)) && (q.direction === 'backward' || both)) await backward([q.id]);
      break;
    }
    case 'serial':
      if (!(await source.unit(q.id))) break;
      await addUnit(q.id);
      if (q.direction !== 'forward') await backward([q.id]);
      if (q.direction !== 'backward') await forward([q.id]);
      break;
    case 'order': {
      const serials = await source.unitsOfOrder(q.id, max);
      addNode(`order:${q.id}`, 'order', q.id);
      for (const s of serials) {
        if (!(await addUnit(s))) break;
        addEdge(`order:${q.id}`, `unit:${s}`, '', 0);
      }
      if (q.direction !== 'forward') await backward(serials);
      if (q.direction !== 'backward') await forward(serials);
      break;
    }
    case 'material': {
      const lots = await source.lotsOfMaterial(q.id, max);
      for (const l of lots) await lotNode(l, q.id);
      await forward(lots);
      break;
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], truncated };
}
