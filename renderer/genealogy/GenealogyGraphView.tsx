import { useEffect, useRef } from 'react';
import type { GenealogyGraph } from '../../core';
import { useEChart } from '../charts/use-echart';
// The chart kinds and components this screen draws, registered with ECharts as the module loads.
import type { GraphOption } from './echarts';
import './echarts';
import { layers } from './layout';

// ISA-101: grey and calm; shape tells the kind (lot: diamond, unit: circle, order: square), colour only the abnormal (scrapped).
const SYMBOL = { lot: 'diamond', unit: 'circle', order: 'rect' } as const;

/** The genealogy as a graph, components on the left, what they went into on the right; a click opens a unit's record. */
export function GenealogyGraphView({ graph, focus, onOpen }: { graph: GenealogyGraph; focus: string; onOpen: (serial: string) => void }) {
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  const { hostRef, chartRef } = useEChart({
    setUp: (chart) =>
      chart.on('click', (p) => {
        const id = (p.data as { id?: string } | undefined)?.id;
        if (id?.startsWith('unit:')) openRef.current(id.slice('unit:'.length));
      }),
  });

  useEffect(() => {
    const at = layers(graph);
    const option: GraphOption = {
      animation: false,
      tooltip: {
        formatter: (p) => {
          const one = Array.isArray(p) ? p[0] : p;
          const d = (one?.data ?? {}) as { name?: string; detail?: string; material?: string };
          return d.detail ?? d.material ?? d.name ?? '';
        },
      },
      series: [
        {
          type: 'graph',
          layout: 'none',
          roam: true,
          label: { show: true, position: 'bottom', fontSize: 11, color: '#222' },
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 7,
          lineStyle: { color: '#888', width: 1 },
          data: graph.nodes.map((n) => {
            const p = at.get(n.id) ?? { x: 0, y: 0 };
            const scrapped = n.status === 'scrapped';
            return {
              id: n.id,
              name: n.label,
              x: p.x,
              y: p.y,
              symbol: SYMBOL[n.kind],
              symbolSize: n.id === focus ? 22 : 14,
              itemStyle: { color: scrapped ? '#c62828' : n.id === focus ? '#333' : '#9e9e9e', borderColor: '#333', borderWidth: n.id === focus ? 2 : 1 },
              detail: `${n.kind} ${n.label}${n.material ? ` · ${n.material}` : ''}${n.status ? ` · ${n.status}` : ''}${n.order ? ` · order ${n.order}` : ''}`,
            };
          }),
          links: graph.edges.map((e) => ({ source: e.from, target: e.to, detail: `${e.material}${e.operation ? ` at operation ${e.operation}` : ''}` })),
        },
      ],
    };
    chartRef.current?.setOption(option, { notMerge: true });
  }, [graph, focus]);

  return (
    <div
      ref={hostRef}
      className="genealogy-graph"
      data-testid="genealogy-graph"
      data-nodes={graph.nodes.length}
      data-edges={graph.edges.length}
      role="img"
      aria-label="Genealogy graph; the table beside it lists the same units and lots"
    />
  );
}
