import { useEffect, useLayoutEffect, useRef } from 'react';
import { echarts, type ChartOption } from './echarts';

/**
 * An ECharts canvas: created once, updated in place as the option changes, resized with its box, disposed with the
 * component. Charts are pictures: `label` says what it shows, and each screen shows the same numbers as text nearby.
 */
export function EChart({ option, label, testid, height = 280, data }: { option: ChartOption; label: string; testid: string; height?: number; data?: Record<string, string | number> }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const chart = echarts.init(host, null, { renderer: 'canvas' });
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(host);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);
  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);
  const attributes = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, String(v)]));
  return <div ref={hostRef} className="echart" style={{ height }} data-testid={testid} role="img" aria-label={label} {...attributes} />;
}
