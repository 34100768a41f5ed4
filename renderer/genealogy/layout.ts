import type { GenealogyGraph } from '../../core';

/**
 * A layered layout, left to right in the direction material flows: a node's column is the length of the longest chain of
 * components before it; rows are spread evenly within a column. Deterministic, so a graph redraws where it was.
 */
export function layers(graph: GenealogyGraph): Map<string, { x: number; y: number }> {
  const incoming = new Map<string, string[]>();
  for (const e of graph.edges) incoming.set(e.to, [...(incoming.get(e.to) ?? []), e.from]);
  const depth = new Map<string, number>();
  const depthOf = (id: string, guard: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (guard.has(id)) return 0;
    guard.add(id);
    const d = Math.max(-1, ...(incoming.get(id) ?? []).map((f) => depthOf(f, guard))) + 1;
    depth.set(id, d);
    return d;
  };
  for (const n of graph.nodes) depthOf(n.id, new Set());
  const columns = new Map<number, string[]>();
  for (const n of graph.nodes) {
    const d = depth.get(n.id) ?? 0;
    columns.set(d, [...(columns.get(d) ?? []), n.id]);
  }
  const out = new Map<string, { x: number; y: number }>();
  for (const [d, ids] of columns) ids.forEach((id, i) => out.set(id, { x: d * 220, y: (i - (ids.length - 1) / 2) * 46 }));
  return out;
}
