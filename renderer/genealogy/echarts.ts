// Only what the genealogy graph draws: a graph series (a layered layout we compute) and its tooltip.
import { GraphChart, type GraphSeriesOption } from 'echarts/charts';
import { TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([GraphChart, TooltipComponent, CanvasRenderer]);

export type GraphOption = echarts.ComposeOption<GraphSeriesOption | TooltipComponentOption>;

export { echarts };
