/**
 * The JSON query spec (PRODUCT.md "Analyses"): Explore, dashboards and `tallybook query` all
 * speak it. A field is a column of the dataset (any name) or else a key of its JSON
 * `attributes` (keys may contain dots). Output columns: `time` (when a grain is set), then the
 * dimensions, then one column per measure named exactly as written.
 */
export const GRAINS = ['minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'] as const;
export type Grain = (typeof GRAINS)[number];

export const FILTER_OPS = ['=', '!=', 'in', 'not in', 'contains', '>', '>=', '<', '<=', 'between', 'is null', 'is not null'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export type FilterValue = string | number | boolean | null;

export interface Filter {
  readonly field: string;
  readonly op: FilterOp;
  readonly value?: FilterValue | readonly FilterValue[];
}

export interface TimeRange {
  readonly grain?: Grain;
  /** ISO 8601 instant, inclusive. */
  readonly from?: string;
  /** ISO 8601 instant, exclusive. */
  readonly to?: string;
  /** Relative range ending at the dataset watermark (or `now`): e.g. "30d", "12h", "8w". */
  readonly last?: string;
  readonly field?: string;
}

export interface OrderBy {
  readonly field: string;
  readonly dir?: 'asc' | 'desc';
}

export interface QuerySpec {
  readonly dataset: string;
  readonly measures: readonly string[];
  readonly dimensions?: readonly string[];
  readonly time?: TimeRange;
  readonly filters?: readonly Filter[];
  readonly compare?: 'previous_period';
  readonly order?: readonly OrderBy[];
  readonly limit?: number;
  /** Anchor for relative ranges instead of the dataset watermark (ISO 8601). */
  readonly now?: string;
  /**
   * Keep the n values of one dimension (default: the first) that rank highest by the first
   * measure over the whole range; every other non-null value becomes "Other" before
   * aggregating, so every measure (percentiles too) is computed over the folded rows.
   */
  readonly topN?: TopNOption;
  /**
   * With a grain: at most about this many points per series (per combination of dimensions).
   * A longer series keeps, in each of maxPoints / 2 equal runs of its buckets, the buckets with
   * the lowest and the highest first measure (min/max downsampling: spikes and dips survive,
   * every kept value is exact). A chart asks for about twice its width in pixels.
   */
  readonly maxPoints?: number;
}

export interface TopNOption {
  readonly dimension?: string;
  readonly n: number;
}

/** The label of the folded values of a top-N breakdown. */
export const TOP_N_OTHER = 'Other';

export const QUERY_SPEC_KEYS = ['dataset', 'measures', 'dimensions', 'time', 'filters', 'compare', 'order', 'limit', 'now', 'topN', 'maxPoints'] as const;
