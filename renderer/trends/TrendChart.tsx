import { useEffect, useRef } from 'react';
import type { HistorySeries } from '../../core';
import { trendOption, type ChartWindow } from './chart-options';
import { useEChart } from '../charts/use-echart';
// The chart kinds and components this screen draws, registered with ECharts as the module loads.
import type { TrendOption } from './echarts';
import './echarts';

/** The ECharts canvas; created once, updated in place (zoom kept), disposed with the component. */
export interface TrendChartProps {
  readonly series: readonly HistorySeries[];
  readonly window: ChartWindow;
  /** The pen of each series, in the same order. */
  readonly pens: readonly string[];
  readonly onWidth: (px: number) => void;
}

export function TrendChart({ series, window, pens, onWidth }: TrendChartProps) {
  const widthRef = useRef(onWidth);
  widthRef.current = onWidth;
  const { hostRef, chartRef } = useEChart({ onResize: (host) => widthRef.current(host.clientWidth) });

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
