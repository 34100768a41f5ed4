import type { HistorySeries } from '../../core';
import { echarts, type TrendOption } from './echarts';
import { badRuns, formatNumber, tagLabel } from './model';

/** Pens: dark, distinct, and none of them an alarm colour (red, orange, yellow, magenta mean "alarm" only). */
export const PENS = ['#1f4e79', '#3a3a3a', '#2a7a7a', '#7a5a2e', '#50548f', '#5f7f96'];

const BAND = { color: 'rgba(70, 70, 70, 0.16)', borderColor: '#5a5a5a', borderWidth: 1, borderType: 'dashed' as const };

export interface ChartWindow {
  readonly from: number;
  readonly to: number;
}

/**
 * One line per tag on a time axis. Values are held until the next stored one (the historian stores on change),
 * so the lines are steps. Bad-quality stretches are gaps in the line with a grey dashed band over them.
 */
export function trendOption(series: readonly HistorySeries[], window: ChartWindow, pens: readonly string[]): TrendOption {
  const enc = echarts.format.encodeHTML;
  const twoScales = series.length === 2;
  return {
    animation: false,
    color: PENS,
    textStyle: { fontFamily: 'system-ui, "Segoe UI", Roboto, Arial, sans-serif', fontSize: 13, color: '#1f1f1f' },
    grid: { left: 64, right: twoScales ? 64 : 24, top: 44, bottom: 72 },
    legend: { top: 4, left: 8, textStyle: { fontSize: 14 }, itemWidth: 22 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'line' },
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params];
        const first = list[0];
        const t = first && Array.isArray(first.value) ? Number(first.value[0]) : NaN;
        const rows = list.map((p) => {
          const s = series[p.seriesIndex ?? 0];
          const point = s?.points[p.dataIndex];
          const quality = point ? point[2] : 'good';
          const value = Array.isArray(p.value) ? (p.value[1] as number | null) : null;
          const q = quality === 'good' ? '' : ` <b>(${quality} quality)</b>`;
          return `${p.marker ?? ''}${enc(p.seriesName ?? '')}: <b>${value === null ? 'no data' : formatNumber(value)}</b>${q}`;
        });
        return `${Number.isFinite(t) ? enc(new Date(t).toLocaleString('sv-SE')) : ''}<br/>${rows.join('<br/>')}`;
      },
    },
    xAxis: {
      type: 'time',
      min: window.from,
      max: window.to,
      axisLabel: { fontSize: 13, hideOverlap: true },
      axisLine: { onZero: false },
      splitLine: { show: true, lineStyle: { color: '#d0d0d0' } },
    },
    // Two tags: each on its own scale (left, right), the axis drawn in its pen; more: one shared scale.
    yAxis: twoScales ? [yAxis('left', pens[0]), yAxis('right', pens[1])] : [yAxis('left')],
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      {
        type: 'slider',
        xAxisIndex: 0,
        filterMode: 'none',
        height: 26,
        bottom: 12,
        labelFormatter: (v: number) => new Date(v).toLocaleTimeString('sv-SE'),
      },
    ],
    series: series.map((s, i) => ({
      type: 'line',
      name: tagLabel(s.tag),
      step: 'end',
      showSymbol: false,
      connectNulls: false,
      color: pens[i] ?? PENS[i % PENS.length],
      yAxisIndex: twoScales ? i : 0,
      lineStyle: { width: 2 },
      data: lineData(s, window.to),
      markArea: {
        silent: true,
        itemStyle: BAND,
        label: { show: true, position: 'insideTop', color: '#1f1f1f', fontSize: 12, formatter: 'bad quality' },
        data: badRuns(s, window.to).map(([from, to]) => [{ xAxis: from }, { xAxis: to }]),
      },
    })),
  };
}

function yAxis(position: 'left' | 'right', pen?: string) {
  return {
    type: 'value' as const,
    position,
    scale: true,
    axisLabel: { fontSize: 13, ...(pen ? { color: pen } : {}) },
    axisLine: { show: pen !== undefined, lineStyle: { color: pen, width: 2 } },
    splitLine: { show: position === 'left', lineStyle: { color: '#d0d0d0' } },
  };
}

/** Bad points become gaps; the last good value is held to the end of the window (stored on change, not on time). */
function lineData(s: HistorySeries, end: number): [number, number | null][] {
  const data: [number, number | null][] = s.points.map(([t, v, q]) => [t, q === 'bad' ? null : v]);
  const last = s.points[s.points.length - 1];
  const until = Math.min(end, Date.now());
  if (last && last[2] !== 'bad' && last[1] !== null && last[0] < until) data.push([until, last[1]]);
  return data;
}
