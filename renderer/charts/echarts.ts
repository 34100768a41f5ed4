// What the OEE and SPC screens draw, so the bundle stays small: bars, lines, scatter points, marked lines and areas.
import { BarChart, LineChart, ScatterChart, type BarSeriesOption, type LineSeriesOption, type ScatterSeriesOption } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  type DataZoomComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkAreaComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, MarkAreaComponent, DataZoomComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
  | BarSeriesOption | LineSeriesOption | ScatterSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
  | MarkLineComponentOption | MarkAreaComponentOption | DataZoomComponentOption
>;

export { echarts };

/** The HMI's greys (ISA-101: no colour for normal things), darkest first. */
export const GREYS = ['#2b2b2b', '#555555', '#808080', '#a8a8a8', '#cfcfcf'] as const;
/** Abnormal only: a point that breaks a rule, a loss no one has explained. */
export const ABNORMAL = '#b8860b';
