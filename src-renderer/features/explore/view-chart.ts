/**
 * The ECharts option of a query result drawn as a chart type: over time (a grain) one series
 * per dimension value (first measure) or per measure (with the previous period dashed); without
 * a grain, bars or lines over the dimension values (two dimensions: stacked by the second), or
 * a pie of the first measure. Shared by Explore and the saved dashboards.
 */
import type { CellValue, ColumnarResult } from '../../../src-shared/columnar';
import type { QuerySpec } from '../../../src-shared/query-spec';
import type { ChartType } from '../../../src-shared/saved';
import type { ChartOption } from '../../components/EChart';
import { pieChart, timeChart, type TimeSeriesLine } from '../dashboards/chart-options';

export interface ChartBuild {
  readonly option: ChartOption;
  readonly empty: boolean;
}

const NONE = '(none)';
const label = (v: CellValue | undefined): string => (v === null || v === undefined ? NONE : String(v));
const num = (v: CellValue | undefined): number | null => (typeof v === 'number' ? v : v === null || v === undefined || v === '' ? null : Number(v));

/** The values of a named output column. */
export function column(result: ColumnarResult, name: string): readonly CellValue[] {
  const i = result.columns.findIndex((c) => c.name === name);
  return i < 0 ? [] : (result.data[i] ?? []);
}

const unique = (values: readonly string[]): string[] => [...new Set(values)];

function rowLabels(result: ColumnarResult, dims: readonly string[]): string[] {
  const cols = dims.map((d) => column(result, d));
  return Array.from({ length: result.rowCount }, (_, r) => (dims.length ? cols.map((c) => label(c[r])).join(' · ') : 'All'));
}

type Kind = Pick<TimeSeriesLine, 'kind' | 'stack'>;
const kindOf = (chart: ChartType): Kind =>
  chart === 'area' ? { kind: 'area' } : chart === 'stacked-bar' ? { kind: 'bar', stack: 'total' } : chart === 'bar' ? { kind: 'bar' } : { kind: 'line' };

function overTime(result: ColumnarResult, spec: QuerySpec, chart: ChartType): ChartOption {
  const grain = spec.time?.grain ?? 'day';
  const timeCol = column(result, 'time').map((t) => String(t));
  const times = unique(timeCol).sort();
  const at = new Map(times.map((t, i) => [t, i]));
  const dims = spec.dimensions ?? [];
  const kind = kindOf(chart);
  const seriesOf = (name: string, values: readonly CellValue[], keep: (r: number) => boolean, previous = false): TimeSeriesLine => {
    const data: (number | null)[] = times.map(() => null);
    values.forEach((v, r) => {
      if (keep(r)) data[at.get(timeCol[r]!)!] = num(v);
    });
    return { name, data, ...kind, ...(previous ? { previous: true, kind: 'line', stack: undefined } : {}) };
  };
  let series: TimeSeriesLine[];
  if (dims.length) {
    const labels = rowLabels(result, dims);
    const first = column(result, spec.measures[0]!);
    series = unique(labels).map((l) => seriesOf(l, first, (r) => labels[r] === l));
  } else {
    series = spec.measures.flatMap((m) => [
      seriesOf(m, column(result, m), () => true),
      ...(spec.compare ? [seriesOf(`${m} (previous)`, column(result, `${m} (previous)`), () => true, true)] : []),
    ]);
  }
  return timeChart({ times, grain, series });
}

function categories(result: ColumnarResult, spec: QuerySpec, chart: ChartType): ChartOption {
  const dims = spec.dimensions ?? [];
  const type = chart === 'line' || chart === 'area' ? 'line' : 'bar';
  const area = chart === 'area' ? { areaStyle: { opacity: 0.25 } } : {};
  const base = { grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true }, legend: { top: 0, type: 'scroll' }, tooltip: { trigger: 'axis' }, yAxis: { type: 'value' } };
  if (chart === 'stacked-bar' && dims.length >= 2) {
    const xs = rowLabels(result, dims.slice(0, 1));
    const stacks = rowLabels(result, dims.slice(1));
    const cats = unique(xs);
    const first = column(result, spec.measures[0]!);
    return {
      ...base,
      xAxis: { type: 'category', data: cats },
      series: unique(stacks).map((s) => ({
        name: s, type: 'bar', stack: 'total', barMaxWidth: 40,
        data: cats.map((c) => {
          const r = xs.findIndex((x, i) => x === c && stacks[i] === s);
          return r < 0 ? null : num(first[r]);
        }),
      })),
    };
  }
  const measures = spec.compare ? spec.measures.flatMap((m) => [m, `${m} (previous)`]) : spec.measures;
  return {
    ...base,
    xAxis: { type: 'category', data: rowLabels(result, dims), axisLabel: { hideOverlap: true } },
    series: measures.map((m) => ({ name: m, type, barMaxWidth: 40, ...area, ...(chart === 'stacked-bar' ? { stack: 'total' } : {}), data: column(result, m).map(num) })),
  };
}

/** The option for every chart type but table and big number. */
export function viewOption(result: ColumnarResult, spec: QuerySpec, chart: ChartType): ChartBuild {
  if (result.rowCount === 0) return { option: {}, empty: true };
  if (chart === 'pie') {
    const labels = spec.time?.grain ? rowLabels(result, ['time', ...(spec.dimensions ?? [])]) : rowLabels(result, spec.dimensions ?? []);
    const values = column(result, spec.measures[0]!).map((v) => num(v) ?? 0);
    return { option: pieChart({ names: labels, values, doughnut: true }), empty: false };
  }
  return { option: spec.time?.grain ? overTime(result, spec, chart) : categories(result, spec, chart), empty: false };
}

/** The result with numbers rounded to 4 decimals, for tables people read (exports stay exact). */
export function roundedForDisplay(result: ColumnarResult): ColumnarResult {
  const round = (v: CellValue): CellValue => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1e4) / 1e4 : v);
  return { ...result, data: result.data.map((col) => col.map(round)) };
}
