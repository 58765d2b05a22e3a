/** One ECharts chart in a React component: drawn as SVG, redrawn on change, resized with its box. */
import { useEffect, useRef } from 'react';
import { baseOption, type ChartOption, init } from './echarts';

interface Props {
  option: ChartOption;
  height: number;
  /** What the chart shows: the hidden title that ECharts' aria description starts with. */
  label: string;
  testId?: string;
}

export function EChart({ option, height, label, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init>>(undefined);

  useEffect(() => {
    const element = box.current!;
    const instance = init(element, undefined, { renderer: 'svg', locale: 'ZH' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);

    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    const title = { text: label, show: false };
    chart.current?.setOption({ ...baseOption, title, ...option }, { notMerge: true });
  }, [option, label]);

  // ECharts gives the box role="img" and an aria-label describing the figures.
  return <div ref={box} data-testid={testId} style={{ width: '100%', height }} />;
}
