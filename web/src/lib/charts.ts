// Apache ECharts, only the parts the dashboard uses (loaded lazily by the home page).
import { init, use, type EChartsType } from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export const FONT = '"Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';
export const PALETTE = ['#1f4e79', '#2f8f83', '#c8102e', '#d4a017', '#6b7f99', '#7a4e9c', '#3f7cac', '#9c6b30', '#4c956c', '#a23b72'];

export interface BarSpec {
  kind: 'bar';
  categories: string[];
  series: { name: string; data: (number | null)[]; type?: 'bar' | 'line'; yAxis?: 0 | 1 }[];
  horizontal?: boolean;
  dualAxis?: boolean;
}

export interface PieSpec {
  kind: 'pie';
  data: { name: string; value: number }[];
}

export type ChartSpec = BarSpec | PieSpec;

function optionFor(spec: ChartSpec, locale: string): Record<string, unknown> {
  const nf = new Intl.NumberFormat(locale);
  const num = (v: unknown) => (typeof v === 'number' ? nf.format(v) : String(v ?? ''));
  const base = {
    color: PALETTE,
    textStyle: { fontFamily: FONT, color: '#2b3440' },
    animationDuration: 500,
    tooltip: { trigger: spec.kind === 'pie' ? 'item' : 'axis', confine: true, textStyle: { fontFamily: FONT }, valueFormatter: num },
  };
  if (spec.kind === 'pie') {
    return {
      ...base,
      legend: { bottom: 0, type: 'scroll', textStyle: { fontFamily: FONT } },
      series: [{
        type: 'pie', radius: ['42%', '68%'], center: ['50%', '44%'], avoidLabelOverlap: true,
        label: { formatter: (p: { name: string; value: number }) => `${p.name}: ${num(p.value)}`, fontFamily: FONT }, data: spec.data,
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
      }],
    };
  }
  const cat = { type: 'category', data: spec.categories, axisTick: { alignWithLabel: true }, axisLabel: { fontFamily: FONT, hideOverlap: true } };
  const val = { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#e6e9ee' } }, axisLabel: { fontFamily: FONT, formatter: num } };
  const yAxes = spec.dualAxis ? [val, { ...val, splitLine: { show: false } }] : val;
  return {
    ...base,
    legend: spec.series.length > 1 ? { top: 0, textStyle: { fontFamily: FONT } } : undefined,
    grid: { left: 8, right: 16, top: spec.series.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
    xAxis: spec.horizontal ? val : cat,
    yAxis: spec.horizontal ? { ...cat, inverse: true } : yAxes,
    series: spec.series.map((s) => ({
      name: s.name,
      type: s.type ?? 'bar',
      data: s.data,
      yAxisIndex: spec.dualAxis ? s.yAxis ?? 0 : undefined,
      barMaxWidth: 36,
      smooth: s.type === 'line' ? true : undefined,
      symbolSize: 8,
      connectNulls: false,
      label: s.type === 'line'
        ? { show: true, formatter: (p: { value: unknown }) => num(p.value), position: 'top', distance: 8, fontFamily: FONT, fontWeight: 'bold', color: '#1d6b5f', backgroundColor: 'rgba(255,255,255,.85)', padding: [1, 3], borderRadius: 3 }
        : { formatter: (p: { value: unknown }) => num(p.value), show: spec.horizontal || spec.categories.length <= 8, position: spec.horizontal ? 'right' : spec.dualAxis ? 'insideTop' : 'top', color: spec.dualAxis ? '#fff' : undefined, fontFamily: FONT },
      itemStyle: { borderRadius: spec.horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0] },
    })),
  };
}

/** Draws a chart in el; returns a function that disposes it. Redraws on resize. */
export function drawChart(el: HTMLElement, spec: ChartSpec, locale = 'en'): () => void {
  const chart: EChartsType = init(el, undefined, { renderer: 'canvas' });
  chart.setOption(optionFor(spec, locale));
  const ro = new ResizeObserver(() => chart.resize());
  ro.observe(el);
  return () => {
    ro.disconnect();
    chart.dispose();
  };
}
