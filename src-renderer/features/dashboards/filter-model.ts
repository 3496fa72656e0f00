/**
 * The global filter bar's state and what it means for a query: the dataset, a date range
 * (last N days anchored at the dataset's watermark, all, or custom dates), the grain, dimension
 * filters and the compare toggle. Pure functions only; persistence lives in filter-store.ts.
 *
 * Windows are [from, to) instants in UTC. "Last N days" ends just after the watermark (the
 * latest timestamp) so it covers the same rows as the seed 002 presets' [now − N days, now].
 * Custom dates are whole UTC days, both ends included.
 */
import type { Filter, FilterValue, QuerySpec } from '../../../src-shared/query-spec';

export const RANGE_DAYS = [7, 14, 30, 90] as const;
export type RangeDays = (typeof RANGE_DAYS)[number];

export type DateRange =
  | { readonly kind: 'last'; readonly days: RangeDays }
  | { readonly kind: 'all' }
  | { readonly kind: 'custom'; readonly from: string; readonly to: string };

export const DASHBOARD_GRAINS = ['day', 'week', 'month'] as const;
export type DashboardGrain = (typeof DASHBOARD_GRAINS)[number];

/** The dimension filter operators the bar offers. */
export const BAR_OPS = ['=', '!=', 'in'] as const;
export type BarOp = (typeof BAR_OPS)[number];

export interface DimensionFilter {
  readonly field: string;
  readonly op: BarOp;
  /** As typed; `in` takes a comma-separated list. */
  readonly value: string;
}

export interface DashboardFilters {
  readonly dataset: string | null;
  readonly range: DateRange;
  readonly grain: DashboardGrain;
  readonly filters: readonly DimensionFilter[];
  readonly compare: boolean;
}

export const DEFAULT_FILTERS: DashboardFilters = { dataset: null, range: { kind: 'last', days: 30 }, grain: 'day', filters: [], compare: true };

/** The dataset's time extent: its first and latest timestamps (null when it has none). */
export interface TimeExtent {
  readonly min: string | null;
  readonly max: string | null;
}

/** A resolved [from, to) window; both absent for "all". */
export interface Window {
  readonly from?: string;
  readonly to?: string;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readRange(v: unknown): DateRange {
  if (!isObject(v)) return DEFAULT_FILTERS.range;
  if (v.kind === 'all') return { kind: 'all' };
  if (v.kind === 'last' && RANGE_DAYS.includes(v.days as RangeDays)) return { kind: 'last', days: v.days as RangeDays };
  if (v.kind === 'custom' && typeof v.from === 'string' && typeof v.to === 'string' && ISO_DATE.test(v.from) && ISO_DATE.test(v.to)) {
    return { kind: 'custom', from: v.from, to: v.to };
  }
  return DEFAULT_FILTERS.range;
}

function readFilter(v: unknown): DimensionFilter | null {
  if (!isObject(v) || typeof v.field !== 'string' || typeof v.value !== 'string') return null;
  if (!BAR_OPS.includes(v.op as BarOp)) return null;
  return { field: v.field, op: v.op as BarOp, value: v.value };
}

/** Whatever was stored (maybe by an older version) as valid filters. */
export function readStoredFilters(v: unknown): DashboardFilters {
  if (!isObject(v)) return DEFAULT_FILTERS;
  return {
    dataset: typeof v.dataset === 'string' ? v.dataset : null,
    range: readRange(v.range),
    grain: DASHBOARD_GRAINS.includes(v.grain as DashboardGrain) ? (v.grain as DashboardGrain) : DEFAULT_FILTERS.grain,
    filters: Array.isArray(v.filters) ? v.filters.map(readFilter).filter((f): f is DimensionFilter => f !== null) : [],
    compare: typeof v.compare === 'boolean' ? v.compare : DEFAULT_FILTERS.compare,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The [from, to) window of a range; "last N days" needs the watermark (extent.max). */
export function resolveWindow(range: DateRange, extent: TimeExtent): Window {
  switch (range.kind) {
    case 'all':
      return {};
    case 'custom': {
      const from = Date.parse(`${range.from}T00:00:00Z`);
      const to = Date.parse(`${range.to}T00:00:00Z`) + DAY_MS;
      return Number.isNaN(from) || Number.isNaN(to) || from >= to ? {} : { from: iso(from), to: iso(to) };
    }
    case 'last': {
      const watermark = extent.max === null ? NaN : Date.parse(extent.max);
      if (Number.isNaN(watermark)) return {};
      return { from: iso(watermark - range.days * DAY_MS), to: iso(watermark + 1) };
    }
  }
}

/** Whether a window has both ends, so that a previous period exists. */
export const isBounded = (w: Window): boolean => w.from !== undefined && w.to !== undefined;

function filterValue(f: DimensionFilter): FilterValue | FilterValue[] {
  if (f.op === 'in') return f.value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return f.value;
}

/** The bar's dimension filters as query spec filters. */
export function specFilters(filters: readonly DimensionFilter[]): Filter[] {
  return filters.map((f) => ({ field: f.field, op: f.op, value: filterValue(f) }));
}

/** The part of every panel's query spec that the filter bar decides. */
export function baseSpec(dataset: string, window: Window, filters: readonly DimensionFilter[]): Pick<QuerySpec, 'dataset' | 'time' | 'filters'> {
  const time = isBounded(window) ? { from: window.from, to: window.to } : undefined;
  const f = specFilters(filters);
  return { dataset, ...(time ? { time } : {}), ...(f.length > 0 ? { filters: f } : {}) };
}

const GRAIN_MS: Record<DashboardGrain, number> = { day: DAY_MS, week: 7 * DAY_MS, month: 30.44 * DAY_MS };

/** At most this many buckets per time chart (about two per horizontal pixel of a half-width panel). */
export const MAX_BUCKETS = 800;

/**
 * The grain a time chart uses: the chosen one, or the next coarser one when the window would
 * give more buckets than a chart can show.
 */
export function effectiveGrain(grain: DashboardGrain, window: Window, extent: TimeExtent): DashboardGrain {
  const from = Date.parse(window.from ?? extent.min ?? '');
  const to = Date.parse(window.to ?? extent.max ?? '');
  if (Number.isNaN(from) || Number.isNaN(to)) return grain;
  for (const g of DASHBOARD_GRAINS.slice(DASHBOARD_GRAINS.indexOf(grain))) {
    if ((to - from) / GRAIN_MS[g] <= MAX_BUCKETS) return g;
  }
  return 'month';
}

/** "Last 30 days", "All time", "2026-10-01 – 2026-10-31". */
export function rangeLabel(range: DateRange): string {
  if (range.kind === 'all') return 'All time';
  if (range.kind === 'custom') return `${range.from} – ${range.to}`;
  return `Last ${range.days} days`;
}
