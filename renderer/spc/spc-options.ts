import type { SpcChartView } from '../../core';
import { ABNORMAL, GREYS, type ChartOption } from '../charts/echarts';

const axisText = { color: '#333' };
type Line = { name: string; value: number; dashed?: boolean };

const limitLines = (lines: readonly Line[]) => ({
  symbol: 'none',
  silent: true,
  label: { formatter: '{b}', position: 'insideEndTop' as const, color: '#222' },
  data: lines.map((l) => ({ name: `${l.name} ${Math.round(l.value * 1000) / 1000}`, yAxis: l.value, lineStyle: { color: l.dashed ? GREYS[2] : GREYS[0], type: l.dashed ? ('dashed' as const) : ('solid' as const), width: 1 } })),
});

/**
 * A control chart and its dispersion chart beneath: the plotted statistic (individuals or subgroup means) as a line
 * with its center and control limits, the specification limits dashed; a point that breaks a rule is drawn as a
 * triangle in the abnormal colour, with the rules in its tooltip.
 */
export function controlChartOption(c: SpcChartView): ChartOption {
  const xbar = c.limits?.chart === 'xbar-r';
  const rows = xbar
    ? c.subgroups.map((s) => ({ x: `#${s.index + 1}`, y: s.mean, d: s.range as number | null, rules: s.rules, tip: `subgroup ${s.index + 1}` }))
    : c.points.map((p) => ({ x: `${p.n}`, y: p.value, d: p.mr, rules: p.rules, tip: p.serial }));
  const l = c.limits;
  const main: Line[] = l ? [{ name: 'UCL', value: l.ucl }, { name: 'CL', value: l.center }, { name: 'LCL', value: l.lcl }] : [];
  const spec: Line[] = !xbar && c.low !== null && c.high !== null ? [{ name: 'USL', value: c.high, dashed: true }, { name: 'LSL', value: c.low, dashed: true }] : [];
  const disp: Line[] = l ? [{ name: 'UCL', value: l.dispersion.ucl }, { name: xbar ? 'R̄' : 'MR̄', value: l.dispersion.center }, ...(l.dispersion.lcl > 0 ? [{ name: 'LCL', value: l.dispersion.lcl }] : [])] : [];
  const point = (v: number | null, broken: boolean) => ({ value: v, symbol: broken ? 'triangle' : 'circle', symbolSize: broken ? 12 : 5, itemStyle: { color: broken ? ABNORMAL : GREYS[1] } });
  const mainRules = (r: readonly string[]) => r.filter((x) => x !== 'MR' && x !== 'R');
  const values = [...rows.map((r) => r.y), ...main.map((m) => m.value), ...spec.map((m) => m.value)];
  const pad = (Math.max(...values) - Math.min(...values)) * 0.08 || 1;
  return {
    animation: false,
    tooltip: {
      trigger: 'axis',
      formatter: (p) => {
        const items = Array.isArray(p) ? p : [p];
        const i = items[0]?.dataIndex ?? 0;
        const r = rows[i];
        return r ? `${r.tip}: ${r.y.toPrecision(5)}${r.d !== null ? ` (${xbar ? 'R' : 'MR'} ${r.d.toPrecision(4)})` : ''}${r.rules.length ? `<br/>breaks ${r.rules.join(', ')}` : ''}` : '';
      },
    },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: [
      { left: 64, right: 90, top: 16, height: '56%' },
      { left: 64, right: 90, top: '72%', bottom: 28 },
    ],
    xAxis: [
      { type: 'category', data: rows.map((r) => r.x), gridIndex: 0, axisLabel: { show: false } },
      { type: 'category', data: rows.map((r) => r.x), gridIndex: 1, axisLabel: axisText },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, scale: true, min: Math.min(...values) - pad, max: Math.max(...values) + pad, axisLabel: { ...axisText, formatter: (v: number) => v.toPrecision(4) }, name: `${xbar ? 'X̄' : 'X'} (${c.unit})` },
      { type: 'value', gridIndex: 1, min: 0, axisLabel: { ...axisText, formatter: (v: number) => v.toPrecision(3) }, name: xbar ? 'R' : 'MR' },
    ],
    series: [
      {
        type: 'line', name: xbar ? 'X̄' : 'X', xAxisIndex: 0, yAxisIndex: 0, lineStyle: { color: GREYS[1], width: 1.5 },
        data: rows.map((r) => point(r.y, mainRules(r.rules).length > 0)),
        markLine: limitLines([...main, ...spec]),
      },
      {
        type: 'line', name: xbar ? 'R' : 'MR', xAxisIndex: 1, yAxisIndex: 1, lineStyle: { color: GREYS[2], width: 1 },
        data: rows.map((r) => point(r.d, r.rules.includes('MR') || r.rules.includes('R'))),
        markLine: limitLines(disp),
      },
    ],
  };
}
