/**
 * The ECharts option of a query result drawn in a report (pure, no DOM): over time (a grain)
 * one series per dimension value (first measure) or per measure; without a grain, bars or lines
 * over the dimension values, or a pie of the first measure. No animation, no tooltips: the
 * report is a static picture with its data in a table beside it.
 */
import type { CellValue, ColumnarResult } from '../../../src-shared/columnar';
import type { QuerySpec } from '../../../src-shared/query-spec';
import type { ChartType } from '../../../src-shared/saved';

type Option = Record<string, unknown>;

const label = (v: CellValue | undefined): string => (v === null || v === undefined ? '(none)' : String(v));
const num = (v: CellValue | undefined): number | null => (typeof v === 'number' ? v : v === null || v === undefined || v === '' ? null : Number(v));
const unique = (values: readonly string[]): string[] => [...new Set(values)];

export function column(result: ColumnarResult, name: string): readonly CellValue[] {
  const i = result.columns.findIndex((c) => c.name === name);
  return i < 0 ? [] : (result.data[i] ?? []);
}

function rowLabels(result: ColumnarResult, dims: readonly string[]): string[] {
  const cols = dims.map((d) => column(result, d));
  return Array.from({ length: result.rowCount }, (_, r) => (dims.length ? cols.map((c) => label(c[r])).join(' · ') : 'All'));
}

/** "2025-11-01T00:00:00.000Z" → "2025-11-01" for day grains and coarser; hours keep "HH:MM". */
function bucket(t: string, grain: string): string {
  return grain === 'minute' || grain === 'hour' ? t.slice(0, 16).replace('T', ' ') : t.slice(0, 10);
}

/**
 * A static picture cannot scroll its legend: a plain legend wraps, and the plot starts below
 * as many legend rows as the names need (about 7 px a character plus the symbol and a wide gap, since the browser's font may be wider than the one ECharts measured).
 */
function frame(names: readonly string[]): Option {
  const width = names.reduce((w, n) => w + n.length * 7 + 50, 0);
  const rows = Math.max(1, Math.ceil(width / 700));
  return { animation: false, grid: { left: 8, right: 16, top: 12 + rows * 24, bottom: 8, containLabel: true }, legend: { top: 0, type: 'plain', itemGap: 24, textStyle: { fontSize: 11 } } };
}

function seriesType(chart: ChartType): Option {
  if (chart === 'area') return { type: 'line', areaStyle: { opacity: 0.25 } };
  if (chart === 'stacked-bar') return { type: 'bar', stack: 'total', barMaxWidth: 28 };
  if (chart === 'bar') return { type: 'bar', barMaxWidth: 28 };
  return { type: 'line', showSymbol: false };
}

function overTime(result: ColumnarResult, spec: QuerySpec, chart: ChartType): Option {
  const grain = spec.time?.grain ?? 'day';
  const timeCol = column(result, 'time').map(String);
  const times = unique(timeCol).sort();
  const at = new Map(times.map((t, i) => [t, i]));
  const dims = spec.dimensions ?? [];
  const line = (name: string, values: readonly CellValue[], keep: (r: number) => boolean): Option => {
    const data: (number | null)[] = times.map(() => null);
    values.forEach((v, r) => {
      if (keep(r)) data[at.get(timeCol[r]!)!] = num(v);
    });
    return { name, data, ...seriesType(chart) };
  };
  const labels = rowLabels(result, dims);
  const series = dims.length
    ? unique(labels).map((l) => line(l, column(result, spec.measures[0]!), (r) => labels[r] === l))
    : spec.measures.map((m) => line(m, column(result, m), () => true));
  return { ...frame(series.map((x) => String(x.name))), xAxis: { type: 'category', data: times.map((t) => bucket(t, grain)), boundaryGap: chart.includes('bar') }, yAxis: { type: 'value' }, series };
}

function categories(result: ColumnarResult, spec: QuerySpec, chart: ChartType): Option {
  const dims = spec.dimensions ?? [];
  return {
    ...frame(spec.measures),
    xAxis: { type: 'category', data: rowLabels(result, dims), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value' },
    series: spec.measures.map((m) => ({ name: m, ...seriesType(chart === 'line' || chart === 'area' ? chart : 'bar'), data: column(result, m).map(num) })),
  };
}

function pie(result: ColumnarResult, spec: QuerySpec): Option {
  const names = rowLabels(result, spec.time?.grain ? ['time', ...(spec.dimensions ?? [])] : (spec.dimensions ?? []));
  const values = column(result, spec.measures[0]!).map((v) => num(v) ?? 0);
  return {
    animation: false,
    legend: { type: 'plain', orient: 'vertical', right: 0, top: 'middle' },
    series: [{ type: 'pie', radius: ['42%', '66%'], center: ['40%', '52%'], label: { formatter: '{b}\n{d}%' }, data: names.map((name, i) => ({ name, value: values[i] ?? 0 })) }],
  };
}

/** A funnel's steps as bars ("1. view", "2. cart" …), one series per breakdown value. */
export function funnelChartOption(result: ColumnarResult): Option {
  const steps = column(result, 'step');
  const names = column(result, 'event_name');
  const counts = column(result, 'count');
  const breakdown = column(result, 'breakdown');
  const cats = unique(steps.map((s, r) => `${String(s)}. ${label(names[r])}`));
  const groups = breakdown.length ? unique(breakdown.map(label)) : ['count'];
  const series = groups.map((g) => ({
    name: g, type: 'bar', barMaxWidth: 40,
    data: cats.map((c) => {
      const r = steps.findIndex((s, i) => `${String(s)}. ${label(names[i])}` === c && (!breakdown.length || label(breakdown[i]) === g));
      return r < 0 ? null : num(counts[r]);
    }),
  }));
  return { ...frame(groups), xAxis: { type: 'category', data: cats, axisLabel: { hideOverlap: true } }, yAxis: { type: 'value', minInterval: 1 }, series };
}

/** The option for every chart type but table and number (which reports draw as HTML). */
export function reportChartOption(result: ColumnarResult, spec: QuerySpec, chart: ChartType): Option {
  if (chart === 'pie') return pie(result, spec);
  return spec.time?.grain ? overTime(result, spec, chart) : categories(result, spec, chart);
}
