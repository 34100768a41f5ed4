import { useEffect } from 'react';
// The chart kinds and components this screen draws, registered with ECharts as the module loads.
import type { ChartOption } from './echarts';
import './echarts';
import { useEChart } from './use-echart';

/**
 * An ECharts canvas: created once, updated in place as the option changes, resized with its box, disposed with the
 * component. Charts are pictures: `label` says what it shows, and each screen shows the same numbers as text nearby.
 */
export function EChart({ option, label, testid, height = 280, data }: { option: ChartOption; label: string; testid: string; height?: number; data?: Record<string, string | number> }) {
  const { hostRef, chartRef } = useEChart();
  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);
  const attributes = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, String(v)]));
  return <div ref={hostRef} className="echart" style={{ height }} data-testid={testid} role="img" aria-label={label} {...attributes} />;
}
