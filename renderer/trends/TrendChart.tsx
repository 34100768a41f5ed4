import { useEffect, useLayoutEffect, useRef } from 'react';
import type { HistorySeries } from '../../core';
import { trendOption, type ChartWindow } from './chart-options';
import { echarts, type TrendOption } from './echarts';

/** The ECharts canvas; created once, updated in place (zoom kept), disposed with the component. */
export interface TrendChartProps {
  readonly series: readonly HistorySeries[];
  readonly window: ChartWindow;
  /** The pen of each series, in the same order. */
  readonly pens: readonly string[];
  readonly onWidth: (px: number) => void;
}

export function TrendChart({ series, window, pens, onWidth }: TrendChartProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const widthRef = useRef(onWidth);
  widthRef.current = onWidth;

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const chart = echarts.init(host, null, { renderer: 'canvas' });
    chartRef.current = chart;
    widthRef.current(host.clientWidth);
    const observer = new ResizeObserver(() => {
      chart.resize();
      widthRef.current(host.clientWidth);
    });
    observer.observe(host);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    // replaceMerge: series of removed tags go away; the dataZoom component (and the operator's zoom) stays.
    chartRef.current?.setOption<TrendOption>(trendOption(series, window, pens), { replaceMerge: ['series', 'yAxis'] });
  }, [series, window, pens]);

  return (
    <div
      ref={hostRef}
      className="trend-chart"
      data-testid="trend-chart"
      data-series={series.length}
      role="img"
      aria-label="Trend chart; the table below lists the same tags in numbers"
    />
  );
}
