/**
 * ECharts options the dashboards share: time series (lines, areas, stacked bars), pies and
 * doughnuts, and bar comparisons. Colours and text come from the EChart component's theme.
 */
import type { ChartOption } from '../../components/EChart';
import { formatBucket } from './format';

export interface TimeSeriesLine {
  readonly name: string;
  readonly data: readonly (number | null)[];
  readonly kind?: 'line' | 'area' | 'bar';
  readonly stack?: string;
  /** Drawn dashed and faint: the previous period. */
  readonly previous?: boolean;
}

export interface TimeChartOptions {
  readonly times: readonly string[];
  readonly grain: string;
  readonly series: readonly TimeSeriesLine[];
  readonly valueFormatter?: (v: number) => string;
  readonly yMax?: number;
  /** Whole numbers only (counts): no 0.5 ticks. */
  readonly integer?: boolean;
  readonly extra?: Record<string, unknown>;
}

const GRID = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
/** Short entry animation: a dashboard looks finished soon after its data arrives. */
const ANIMATION = { animationDuration: 300, animationDurationUpdate: 200 };

const tooltipValue = (f?: (v: number) => string) => (v: unknown) => (typeof v === 'number' ? (f ? f(v) : String(v)) : '—');

export function timeChart(o: TimeChartOptions): ChartOption {
  const many = o.times.length > 60;
  return {
    ...ANIMATION,
    grid: GRID,
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis', valueFormatter: tooltipValue(o.valueFormatter) },
    xAxis: { type: 'category', data: o.times.map((t) => formatBucket(t, o.grain)), boundaryGap: o.series.some((s) => s.kind === 'bar') },
    yAxis: { type: 'value', ...(o.yMax !== undefined ? { max: o.yMax } : {}), ...(o.integer ? { minInterval: 1 } : {}), axisLabel: o.valueFormatter ? { formatter: o.valueFormatter } : {} },
    series: o.series.map((s) => ({
      name: s.name,
      type: s.kind === 'bar' ? 'bar' : 'line',
      data: s.data,
      showSymbol: !many && s.kind !== 'bar',
      symbolSize: 4,
      connectNulls: false,
      sampling: 'lttb',
      ...(s.stack ? { stack: s.stack } : {}),
      ...(s.kind === 'area' ? { areaStyle: { opacity: 0.25 } } : {}),
      ...(s.stack && s.kind !== 'bar' ? { areaStyle: { opacity: 0.6 } } : {}),
      ...(s.previous ? { lineStyle: { type: 'dashed', opacity: 0.6 }, itemStyle: { opacity: 0.6 }, z: 1 } : {}),
      ...(s.kind === 'bar' ? { barMaxWidth: 28 } : {}),
    })),
    ...o.extra,
  };
}

export function pieChart(o: { names: readonly string[]; values: readonly number[]; doughnut?: boolean; valueFormatter?: (v: number) => string }): ChartOption {
  return {
    ...ANIMATION,
    tooltip: { trigger: 'item', valueFormatter: tooltipValue(o.valueFormatter) },
    legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle' },
    series: [
      {
        type: 'pie',
        radius: o.doughnut ? ['42%', '66%'] : '66%',
        center: ['40%', '52%'],
        avoidLabelOverlap: true,
        minShowLabelAngle: 8,
        label: { formatter: '{b}\n{d}%', overflow: 'none', textBorderWidth: 0 },
        itemStyle: o.doughnut ? { borderRadius: 4, borderColor: 'transparent', borderWidth: 2 } : {},
        data: o.names.map((name, i) => ({ name, value: o.values[i] ?? 0 })),
      },
    ],
  };
}

/** Horizontal bars, one category per row (largest first as given). */
export function rankChart(o: { categories: readonly string[]; values: readonly number[]; name: string; valueFormatter?: (v: number) => string }): ChartOption {
  return {
    ...ANIMATION,
    grid: { ...GRID, top: 8, right: 56 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: tooltipValue(o.valueFormatter) },
    xAxis: { type: 'value', minInterval: 1, axisLabel: o.valueFormatter ? { formatter: o.valueFormatter } : {} },
    yAxis: { type: 'category', inverse: true, data: o.categories, axisLabel: { width: 150, overflow: 'truncate' } },
    series: [{ type: 'bar', name: o.name, data: o.values, barMaxWidth: 22, label: { show: true, position: 'right', formatter: (p: { value: unknown }) => tooltipValue(o.valueFormatter)(p.value) } }],
  };
}

export interface Facet {
  readonly title: string;
  readonly values: readonly (number | null)[];
  readonly valueFormatter: (v: number) => string;
}

/** Several horizontal bar charts side by side over the same categories (one per unit). */
export function facetBars(categories: readonly string[], facets: readonly Facet[]): ChartOption {
  const width = 100 / facets.length;
  const pad = 3;
  return {
    ...ANIMATION,
    title: facets.map((f, i) => ({ text: f.title, left: `${i * width + pad}%`, top: 0, textStyle: { fontSize: 12, fontWeight: 'normal' } })),
    tooltip: { trigger: 'item' },
    grid: facets.map((_, i) => ({ left: `${i * width + pad}%`, width: `${width - 2 * pad}%`, top: 28, bottom: 8, containLabel: true })),
    xAxis: facets.map((f, i) => ({ type: 'value', gridIndex: i, axisLabel: { formatter: f.valueFormatter, hideOverlap: true }, splitNumber: 2 })),
    yAxis: facets.map((_, i) => ({ type: 'category', gridIndex: i, inverse: true, data: categories, axisLabel: { show: i === 0 } })),
    series: facets.map((f, i) => ({
      type: 'bar',
      name: f.title,
      xAxisIndex: i,
      yAxisIndex: i,
      data: f.values,
      colorBy: 'data',
      barMaxWidth: 20,
      tooltip: { valueFormatter: tooltipValue(f.valueFormatter) },
      label: { show: true, position: 'insideLeft', formatter: (p: { value: unknown }) => tooltipValue(f.valueFormatter)(p.value), fontSize: 11 },
    })),
  };
}
