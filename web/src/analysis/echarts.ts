/**
 * ECharts as the analysis pages use it: the core and only the charts, components and the SVG
 * renderer they need, so the bundle stays small and nothing loads from outside (DESIGN.md:
 * no CDN). The aria component describes each chart to screen readers and draws decal
 * patterns, so bars and slices can be told apart without colour (and on a grey printout).
 */
import { BarChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

export type { EChartsCoreOption as ChartOption } from 'echarts/core';
export { init };

/** What every chart shares: aria with decals, a readable font, no animation to wait for. */
export const baseOption = {
  aria: { enabled: true, decal: { show: true } },
  animation: false,
  textStyle: { fontFamily: 'inherit' },
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
} as const;
