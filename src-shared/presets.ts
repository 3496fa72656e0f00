/** Seed 002 (BACOWR) report shapes: field names and nesting are requirements. */
export const JOB_PRESETS = ['overview', 'cost-breakdown', 'performance', 'time-series'] as const;
export type JobPresetName = (typeof JOB_PRESETS)[number];

export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

export interface PresetRequest {
  readonly dataset: string;
  readonly preset: JobPresetName;
  /** Days to include, ending at `now` (default 30). */
  readonly days?: number;
  readonly interval?: Interval;
  /** ISO 8601; default: the dataset watermark (its latest created_at). */
  readonly now?: string;
}

export interface Overview {
  total_jobs: number;
  jobs_by_status: Record<string, number>;
  jobs_by_provider: Record<string, number>;
  jobs_by_strategy: Record<string, number>;
  total_cost: number;
  avg_generation_time: number;
  success_rate: number;
  period_start: string;
  period_end: string;
}

export interface CostGroup {
  total_cost: number;
  avg_cost_per_job: number;
  job_count: number;
}

export interface ExpensiveJob {
  job_id: string;
  cost: number;
  provider: string | null;
  strategy: string | null;
  created_at: string;
  status: string | null;
}

export interface CostBreakdown {
  total_cost: number;
  cost_by_provider: Record<string, CostGroup>;
  cost_by_strategy: Record<string, CostGroup>;
  most_expensive_jobs: ExpensiveJob[];
  period_days: number;
}

export interface GenerationTime {
  avg_seconds: number;
  min_seconds: number;
  max_seconds: number;
  sample_count: number;
}

export interface Performance {
  generation_time_by_provider: Record<string, GenerationTime>;
  qc_metrics: {
    total_jobs: number;
    delivered_jobs: number;
    delivery_rate: number;
    avg_qc_score: number;
    avg_issue_count: number;
  };
  qc_status_breakdown: Record<string, number>;
  period_days: number;
}

export interface TimeSeriesPoint {
  date: string;
  job_count: number;
  cost: number;
  delivered_count: number;
  success_rate: number;
}

export interface TimeSeries {
  interval: Interval;
  period_days: number;
  data: TimeSeriesPoint[];
}

/** Each preset's result shape. */
export interface PresetResults {
  overview: Overview;
  'cost-breakdown': CostBreakdown;
  performance: Performance;
  'time-series': TimeSeries;
}

export type PresetResult = PresetResults[JobPresetName];
