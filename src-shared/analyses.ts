/** Requests and results of the event analyses: funnels, retention, top-N, rollups/parity. */
export const FUNNEL_MODES = ['sequential', 'strict', 'any'] as const;
export type FunnelMode = (typeof FUNNEL_MODES)[number];
export type FunnelUnit = 'session' | 'user';

/**
 * A funnel step or exclusion: an event name, or an event name with property filters (as a query
 * spec's filters; a field is a column or an attributes key) that its event must also match.
 */
export type FunnelStep = string | { readonly event: string; readonly filters?: readonly import('./query-spec').Filter[] };

export interface FunnelRequest {
  readonly dataset: string;
  /** Steps in order: event names, each optionally with filters. */
  readonly steps: readonly FunnelStep[];
  /**
   * Events that spoil an attempt: it does not convert into a step when one of them happens
   * after its step-1 event and before that step (funnel.ts says exactly when).
   */
  readonly exclusions?: readonly FunnelStep[];
  /** Conversion window in seconds, measured from the step-1 event (default 14 days). */
  readonly windowSeconds?: number;
  readonly by?: FunnelUnit;
  readonly mode?: FunnelMode;
  readonly from?: string;
  readonly to?: string;
  /** Break down by a property of the unit's first step-1 event (first touch). */
  readonly breakdown?: string;
}

export interface FunnelStepResult {
  step: number;
  event_name: string;
  count: number;
  /** Share of units that reached step 1, in percent. */
  conversion_from_start: number;
  /** Share of units that reached the previous step, in percent. */
  conversion_from_previous: number;
  /** Median seconds from the previous step to this one (null for step 1 or no conversions). */
  median_seconds_to_convert: number | null;
  breakdown?: string | null;
}

/**
 * The units that dropped off before `step` (2..N): they reached step - 1 but not step. With
 * `breakdownValue` (null = no value), only those whose breakdown value is that.
 */
export interface FunnelDropOffRequest extends FunnelRequest {
  readonly step: number;
  readonly breakdownValue?: string | null;
  readonly offset?: number;
  /** At most 10,000 (default 200). */
  readonly limit?: number;
  readonly sort?: readonly { readonly column: string; readonly dir: 'asc' | 'desc' }[];
}

export type RetentionInterval = 'day' | 'week' | 'month';

export interface RetentionRequest {
  readonly dataset: string;
  /** Event that puts a unit in a cohort (default: any event). */
  readonly startEvent?: string;
  /** Event that counts as a return (default: any event). */
  readonly returnEvent?: string;
  readonly interval?: RetentionInterval;
  /** first_time: cohort = first period the unit did the start event; recurring: every period it did. */
  readonly cohort?: 'first_time' | 'recurring';
  readonly periods?: number;
  readonly by?: FunnelUnit;
  readonly from?: string;
  readonly to?: string;
}

export interface RetentionCohort {
  cohort: string;
  size: number;
  /** Units active in period 0..N (period 0 = cohort size). */
  counts: number[];
  /** counts / size × 100. */
  percentages: number[];
}

export interface RetentionResult {
  interval: RetentionInterval;
  periods: number;
  cohorts: RetentionCohort[];
}

export interface TopNRequest {
  readonly dataset: string;
  /** Field to rank (e.g. entity_id, event_name, provider). */
  readonly field: string;
  readonly n?: number;
  /** Rank separately within each value of this field (e.g. action). */
  readonly per?: string;
  readonly from?: string;
  readonly to?: string;
}

export type RollupGrain = 'day' | 'week' | 'month' | 'year';

export interface ParityMismatch {
  dataset: string;
  grain: RollupGrain | 'total';
  bucket: string;
  event_name: string;
  rollup_count: number;
  raw_count: number;
}

/** One hourly cube of an events dataset recomputed from its raw rows (stale: not current, so unused). */
export interface CubeCheck {
  dataset: string;
  cube: string;
  rows_checked: number;
  mismatches: number;
  stale: boolean;
}

export interface CheckResult {
  ok: boolean;
  datasets: { dataset: string; buckets_checked: number; mismatches: number }[];
  mismatches: ParityMismatch[];
  /** The hourly cubes queries are answered from (absent when not asked for). */
  cubes?: CubeCheck[];
}

export interface EngagementRequest {
  readonly dataset: string;
  readonly from?: string;
  readonly to?: string;
}

export interface MetricSeriesRequest {
  readonly dataset: string;
  readonly metrics: readonly string[];
  readonly grain?: import('./query-spec').Grain;
  readonly from?: string;
  readonly to?: string;
}

export interface DerivedRateRequest {
  readonly dataset: string;
  readonly numerator: string;
  /** One metric, or several summed (cache hit rate: hits / (hits + misses)). */
  readonly denominator: string | readonly string[];
  readonly grain?: import('./query-spec').Grain;
  readonly from?: string;
  readonly to?: string;
}

export interface ThresholdBreach {
  readonly rule: string;
  readonly metric: string;
  readonly ts: string;
  readonly value: number;
}
