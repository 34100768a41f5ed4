import { useLayoutEffect, useRef } from 'react';
import { init, type ECharts } from 'echarts/core';

/**
 * An ECharts instance on its host element: created once, resized with its box, disposed with the component. `setUp`
 * runs once it is made (its event handlers); `onResize` once then after each resize, with the host.
 */
export function useEChart(o: { readonly setUp?: (chart: ECharts) => void; readonly onResize?: (host: HTMLDivElement) => void } = {}) {
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ECharts | null>(null);
  const latest = useRef(o);
  latest.current = o;
  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const chart = init(host, null, { renderer: 'canvas' });
    chartRef.current = chart;
    latest.current.setUp?.(chart);
    latest.current.onResize?.(host);
    const observer = new ResizeObserver(() => {
      chart.resize();
      latest.current.onResize?.(host);
    });
    observer.observe(host);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);
  return { hostRef, chartRef };
}
