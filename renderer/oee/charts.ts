import type { LossesView, OeeRow } from '../../core';
import { ABNORMAL, GREYS, type ChartOption } from '../charts/echarts';

const pctOf = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
const axisText = { color: '#333' };

/** A, P, Q and OEE per work center and for the line, as grouped bars (greys; the numbers on top). */
export function apqOption(rows: readonly OeeRow[]): ChartOption {
  const names = rows.map((r) => r.workCenter ?? 'Line');
  const series = (['availability', 'effectiveness', 'quality', 'oee'] as const).map((k, i) => ({
    type: 'bar' as const,
    name: { availability: 'Availability', effectiveness: 'Performance', quality: 'Quality', oee: 'OEE' }[k],
    data: rows.map((r) => pctOf(r.kpis[k])),
    itemStyle: { color: GREYS[3 - i] ?? GREYS[0] },
    label: { show: k === 'oee', position: 'top' as const, formatter: '{c} %', color: '#111', fontWeight: 700 },
    barGap: '10%',
  }));
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    legend: { top: 0, textStyle: axisText },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '–' : `${String(v)} %`) },
    xAxis: { type: 'category', data: names, axisLabel: axisText },
    yAxis: { type: 'value', min: 0, max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10), axisLabel: { ...axisText, formatter: '{value} %' } },
    series,
  };
}

/** OEE over shifts or days: the line thick, each work center thin. */
export function trendOption(rows: readonly OeeRow[]): ChartOption {
  const periods = [...new Set(rows.map((r) => r.period.id))];
  const centers = [...new Set(rows.map((r) => r.workCenter))];
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 36, bottom: 40 },
    legend: { top: 0, textStyle: axisText },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '–' : `${String(v)} %`) },
    xAxis: { type: 'category', data: periods, axisLabel: axisText },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { ...axisText, formatter: '{value} %' } },
    series: centers.map((wc, i) => ({
      type: 'line' as const,
      name: wc ?? 'Line',
      data: periods.map((p) => pctOf(rows.find((r) => r.period.id === p && r.workCenter === wc)?.kpis.oee ?? null)),
      connectNulls: false,
      lineStyle: { width: wc === null ? 3 : 1.5, color: wc === null ? GREYS[0] : GREYS[1 + (i % 3)], type: wc === null ? 'solid' : 'dashed' },
      itemStyle: { color: wc === null ? GREYS[0] : GREYS[1 + (i % 3)] },
      symbol: wc === null ? 'circle' : 'emptyCircle',
    })),
  };
}

const MARKERS = ['circle', 'rect', 'triangle', 'diamond', 'emptyCircle', 'emptyRect'] as const;

/** Each line's OEE over shifts or days (the plant): one line per line, told apart by grey and marker, on a time axis. */
export function linesTrendOption(lines: readonly { readonly name: string; readonly rows: readonly OeeRow[] }[]): ChartOption {
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 36, bottom: 40 },
    legend: { top: 0, textStyle: axisText },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '–' : `${String(v)} %`) },
    xAxis: { type: 'time', axisLabel: axisText },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { ...axisText, formatter: '{value} %' } },
    series: lines.map((l, i) => ({
      type: 'line' as const,
      name: l.name,
      data: l.rows.filter((r) => r.workCenter === null).map((r) => [Date.parse(r.period.start), pctOf(r.kpis.oee)]),
      connectNulls: false,
      lineStyle: { width: 2.5, color: GREYS[i % 4] },
      itemStyle: { color: GREYS[i % 4] },
      symbol: MARKERS[i % MARKERS.length],
      symbolSize: 8,
    })),
  };
}

/** From planned to fully productive time: totals dark, losses lighter, stops nobody explained marked. */
export function waterfallOption(l: LossesView): ChartOption {
  const minutes = (s: number) => Math.round((s / 60) * 10) / 10;
  let level = 0;
  const base: number[] = [];
  const value: { value: number; itemStyle: { color: string; decal?: object } }[] = [];
  for (const b of l.waterfall) {
    const m = minutes(Math.max(0, b.seconds));
    if (b.kind === 'total') {
      level = m;
      base.push(0);
      value.push({ value: m, itemStyle: { color: GREYS[0] } });
    } else {
      level -= m;
      base.push(Math.max(0, level));
      value.push({ value: m, itemStyle: b.step === 'unreasoned' && m > 0 ? { color: ABNORMAL } : { color: GREYS[3] } });
    }
  }
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 16, bottom: 72 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (p) => {
      const items = Array.isArray(p) ? p : [p];
      const bar = items.find((x) => x.seriesName === 'Minutes');
      return bar ? `${bar.name}: ${String(bar.value)} min` : '';
    } },
    xAxis: { type: 'category', data: l.waterfall.map((b) => b.label), axisLabel: { ...axisText, interval: 0, rotate: 30, fontSize: 11 } },
    yAxis: { type: 'value', axisLabel: { ...axisText, formatter: '{value} min' } },
    series: [
      { type: 'bar', name: 'Base', stack: 'w', data: base, itemStyle: { color: 'transparent' }, emphasis: { disabled: true }, silent: true },
      { type: 'bar', name: 'Minutes', stack: 'w', data: value, label: { show: true, position: 'top', color: '#111', formatter: (p) => (Number(p.value) > 0 ? String(p.value) : '') } },
    ],
  };
}

/** A Pareto: causes largest first, and the cumulative share on the right axis. */
export function paretoOption(items: readonly { label: string; value: number }[], unit: string): ChartOption {
  const total = items.reduce((n, i) => n + i.value, 0);
  let running = 0;
  const cumulative = items.map((i) => {
    running += i.value;
    return total > 0 ? Math.round((running / total) * 1000) / 10 : 0;
  });
  return {
    animation: false,
    grid: { left: 56, right: 48, top: 16, bottom: 72 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: items.map((i) => i.label), axisLabel: { ...axisText, interval: 0, rotate: 30, fontSize: 11 } },
    yAxis: [
      { type: 'value', axisLabel: { ...axisText, formatter: `{value} ${unit}` } },
      { type: 'value', min: 0, max: 100, axisLabel: { ...axisText, formatter: '{value} %' }, splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: unit, data: items.map((i) => i.value), itemStyle: { color: GREYS[2] }, label: { show: true, position: 'top', color: '#111' } },
      { type: 'line', name: 'Cumulative', yAxisIndex: 1, data: cumulative, lineStyle: { color: GREYS[0] }, itemStyle: { color: GREYS[0] } },
    ],
  };
}
