/**
 * The options of the analysis charts, built from plain rows. Every bar carries its value as a
 * label, so a chart reads without hovering, without colour and on paper.
 */
import type { ChartOption } from './echarts';

export interface Series {
  name: string;
  values: number[];
  /** Drawn as a line over the bars (persons beside incidents per quarter). */
  line?: boolean;
}

interface BarOptions {
  categories: string[];
  series: Series[];
  /** Bars along the x axis, for long category names such as units and indicators. */
  horizontal?: boolean;
}

export function barOption({ categories, series, horizontal = false }: BarOptions): ChartOption {
  const categoryAxis = {
    type: 'category',
    data: categories,
    // The top row first, as a ranked list reads.
    inverse: horizontal,
    axisLabel: { interval: 0, width: horizontal ? 140 : 80, overflow: 'truncate' },
  };
  const valueAxis = { type: 'value', minInterval: 1 };

  return {
    // Long names (units, indicators) get a fixed band, truncated with an ellipsis: measuring
    // labels to fit them (containLabel) cut the first characters off in Chromium.
    grid: {
      left: horizontal ? 150 : 8,
      right: 32,
      top: series.length > 1 ? 36 : 16,
      bottom: 8,
      containLabel: !horizontal,
    },
    legend: series.length > 1 ? { top: 0 } : undefined,
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: series.map((s) => ({
      name: s.name,
      type: s.line ? 'line' : 'bar',
      data: s.values,
      barMaxWidth: 36,
      // A line's values sit to the right of its points, clear of the bar labels below them.
      label: { show: true, position: s.line || horizontal ? 'right' : 'top' },
      ...(s.line ? { symbolSize: 8 } : {}),
    })),
  };
}
