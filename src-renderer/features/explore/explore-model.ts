/**
 * The Explore form's state and what it turns into: a query spec (plus a chart type) — the body
 * of a saved view — and back. Also the measures a dataset's columns offer.
 */
import type { DatasetInfo } from '../../../src-shared/datasets';
import type { Filter, FilterOp, FilterValue, Grain, QuerySpec } from '../../../src-shared/query-spec';
import type { ChartType, ViewBody } from '../../../src-shared/saved';

export const RANGES = [
  { value: '', label: 'All time' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days' },
  { value: '1y', label: 'Last year' },
] as const;

export const CHART_LABELS: Record<ChartType, string> = {
  line: 'Line',
  area: 'Area',
  'stacked-bar': 'Stacked bar',
  bar: 'Bar',
  pie: 'Pie',
  table: 'Table',
  number: 'Big number',
};

/** The filter ops Explore offers (the spec has a few more). */
export const EXPLORE_OPS: readonly FilterOp[] = ['=', '!=', 'in', 'not in', 'contains', '>', '<', 'between', 'is null'];

/** A filter as typed: the value is text until it becomes a spec. */
export interface FilterDraft {
  readonly field: string;
  readonly op: FilterOp;
  readonly value: string;
}

export interface ExploreState {
  readonly dataset: string;
  readonly measures: readonly string[];
  readonly dimensions: readonly string[];
  readonly grain: Grain | '';
  readonly range: string;
  readonly filters: readonly FilterDraft[];
  readonly compare: boolean;
  readonly chart: ChartType;
  /** 0: off. */
  readonly topN: number;
}

export const initialState = (dataset: string): ExploreState => ({
  dataset, measures: ['count'], dimensions: [], grain: 'day', range: '', filters: [], compare: false, chart: 'line', topN: 0,
});

export const NUMERIC = /INT|DOUBLE|FLOAT|DECIMAL|REAL|NUMERIC/i;
export const isNumericColumn = (type: string): boolean => NUMERIC.test(type);

export const FIELD_FUNCTIONS = ['count_distinct', 'sum', 'avg', 'min', 'max', 'p50', 'p90', 'p95', 'p99'] as const;
export type FieldFunction = (typeof FIELD_FUNCTIONS)[number];

/** The columns a measure function can take: numbers for sums, averages and percentiles. */
export function fieldsFor(fn: FieldFunction, info: DatasetInfo): string[] {
  const numeric = fn !== 'count_distinct' && fn !== 'min' && fn !== 'max';
  return info.columns.filter((c) => c.type !== 'JSON' && (!numeric || isNumericColumn(c.type))).map((c) => c.name);
}

/** Columns to break down or filter by (not the JSON attributes blob). */
export const plainColumns = (info: DatasetInfo): string[] => info.columns.filter((c) => c.type !== 'JSON').map((c) => c.name);

function parseValue(text: string, numeric: boolean): FilterValue {
  const t = text.trim();
  if (numeric && t !== '' && Number.isFinite(Number(t))) return Number(t);
  return t;
}

/** The spec filter of a draft; null while it is not complete. */
export function toFilter(d: FilterDraft, info: DatasetInfo | undefined): Filter | null {
  if (!d.field) return null;
  if (d.op === 'is null' || d.op === 'is not null') return { field: d.field, op: d.op };
  const numeric = isNumericColumn(info?.columns.find((c) => c.name === d.field)?.type ?? '');
  if (d.op === 'in' || d.op === 'not in' || d.op === 'between') {
    const parts = d.value.split(',').map((p) => p.trim()).filter((p) => p !== '');
    if (parts.length === 0 || (d.op === 'between' && parts.length !== 2)) return null;
    return { field: d.field, op: d.op, value: parts.map((p) => parseValue(p, numeric)) };
  }
  if (d.value.trim() === '') return null;
  return { field: d.field, op: d.op, value: parseValue(d.value, numeric) };
}

export function toSpec(s: ExploreState, info: DatasetInfo | undefined): QuerySpec {
  const filters = s.filters.map((f) => toFilter(f, info)).filter((f): f is Filter => f !== null);
  const time = { ...(s.grain ? { grain: s.grain } : {}), ...(s.range ? { last: s.range } : {}) };
  return {
    dataset: s.dataset,
    measures: s.measures,
    ...(s.dimensions.length ? { dimensions: s.dimensions } : {}),
    ...(Object.keys(time).length ? { time } : {}),
    ...(filters.length ? { filters } : {}),
    ...(s.compare && s.range ? { compare: 'previous_period' as const } : {}),
    ...(s.topN > 0 && s.dimensions.length ? { topN: { n: s.topN } } : {}),
  };
}

export const toViewBody = (s: ExploreState, info: DatasetInfo | undefined): ViewBody => ({ spec: toSpec(s, info), chart: s.chart });

const draftValue = (v: Filter['value']): string => (v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v));

export function fromViewBody(body: ViewBody): ExploreState {
  const { spec } = body;
  return {
    dataset: spec.dataset,
    measures: spec.measures,
    dimensions: spec.dimensions ?? [],
    grain: spec.time?.grain ?? '',
    range: spec.time?.last ?? '',
    filters: (spec.filters ?? []).map((f) => ({ field: f.field, op: f.op, value: draftValue(f.value) })),
    compare: spec.compare === 'previous_period',
    chart: body.chart,
    topN: spec.topN?.n ?? body.topN ?? 0,
  };
}
