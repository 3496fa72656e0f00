/** Datasets, their kinds and the import request/summary that the CLI contract prints. */
import type { Filter } from './query-spec';

export const DATASET_KINDS = ['events', 'jobs', 'metrics', 'table'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

/** The column that identifies a row (unique once imported: the import dedupes by it). */
export const ID_COLUMN: Partial<Record<DatasetKind, string>> = {
  events: 'event_id',
  jobs: 'job_id',
  metrics: 'snapshot_id',
};

export const REJECT_REASONS = [
  'malformed_row',
  'missing_event_id',
  'missing_event_name',
  'missing_job_id',
  'invalid_timestamp',
  'invalid_number',
  'missing_metric_value',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export interface DatasetInfo {
  readonly name: string;
  readonly kind: DatasetKind;
  readonly rowCount: number;
  /** The column relative time ranges and grains use by default (null for tables without one). */
  readonly timeColumn: string | null;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  /** Bumped by every import that changes the dataset (cache keys use it). */
  readonly version: number;
  /** Earliest and latest value of the time column (ISO 8601 UTC; the latest is the watermark). */
  readonly minTime: string | null;
  readonly maxTime: string | null;
}

export interface ImportRequest {
  /** Dataset to create or append to. */
  readonly dataset: string;
  /** Files, folders or globs on this machine. */
  readonly paths: readonly string[];
  /** Force a kind instead of detecting it. */
  readonly kind?: DatasetKind;
  /** Canonical field -> source column, overriding the detected mapping. */
  readonly mapping?: Readonly<Record<string, string>>;
  readonly keepNoConsent?: boolean;
  /** Redact e-mails, phone numbers and IPs in attributes/context, reduce URLs to paths. */
  readonly redact?: boolean;
  /**
   * A folder of JSON Schemas (`<event_name>.json`) that events' attributes must pass; default:
   * `<workspace>.schemas/` beside the workspace when it exists.
   */
  readonly schemas?: string;
}

export interface ImportedFile {
  readonly path: string;
  readonly size: number;
  readonly mtime: string;
  readonly sha256: string;
  readonly format: string;
  readonly rows_read: number;
}

/** Printed by `tallybook import --json`; every input row is in exactly one bucket. */
export interface ImportSummary {
  readonly dataset: string;
  readonly kind: DatasetKind;
  readonly rows_read: number;
  readonly rows_imported: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly dropped_no_consent: number;
  readonly rejected_by_reason: Readonly<Record<string, number>>;
  readonly files: readonly ImportedFile[];
  readonly mapping: Readonly<Record<string, string>>;
  readonly import_id: number;
}

export interface ImportProgress {
  readonly phase: 'hashing' | 'reading' | 'validating' | 'writing' | 'done';
  readonly file?: string;
  readonly filesDone: number;
  readonly filesTotal: number;
  /** 0..1 over the whole import. */
  readonly fraction: number;
}

export interface RejectedRow {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
  readonly raw: string | null;
}

export interface HistogramBin {
  /** Bin start (number, or ISO timestamp for time columns) or the value for text columns. */
  readonly label: string | number;
  readonly count: number;
}

export interface ColumnProfile {
  readonly name: string;
  readonly type: string;
  readonly nullPercent: number;
  readonly distinct: number;
  readonly min: string | number | null;
  readonly max: string | number | null;
  /** Equal-width bins for numbers and times; the most frequent values for text. */
  readonly histogram: readonly HistogramBin[];
  readonly histogramKind: 'bins' | 'top_values' | 'none';
}

export interface DatasetProfile {
  readonly dataset: string;
  readonly rowCount: number;
  readonly columns: readonly ColumnProfile[];
}

export interface RowsRequest {
  readonly dataset: string;
  readonly offset?: number;
  /** At most 10,000. */
  readonly limit?: number;
  readonly sort?: readonly { readonly column: string; readonly dir: 'asc' | 'desc' }[];
  /** Only rows whose time column is in [from, to) (ISO 8601). */
  readonly from?: string;
  readonly to?: string;
  /** As a query spec's filters (query-spec.ts). */
  readonly filters?: readonly Filter[];
}

export interface WorkspaceInfo {
  readonly path: string;
  readonly name: string;
  readonly readOnly: boolean;
}

/** What `rebuildWorkspace` did: the imports replayed from the recorded sources, and those left out. */
export interface RebuildSummary {
  readonly workspace: WorkspaceInfo;
  readonly imports: number;
  readonly rows_imported: number;
  readonly skipped: readonly { readonly dataset: string; readonly path: string; readonly reason: 'changed' | 'missing' | 'unreadable' }[];
  /** Every recorded source was imported again. */
  readonly complete: boolean;
}

/** Per-workspace settings; the theme is the user's and lives in the renderer. */
export interface WorkspaceSettings {
  /** IANA time zone used for time buckets (default UTC). */
  readonly timeZone: string;
  readonly weekStart: 'monday' | 'sunday';
  /** ISO 4217 code used to show costs (default USD). */
  readonly currency: string;
}

export interface ImportPreviewRequest {
  readonly paths: readonly string[];
  readonly kind?: DatasetKind;
  readonly mapping?: Readonly<Record<string, string>>;
  /** Existing dataset to append to (its kind wins). */
  readonly dataset?: string;
}

/** What an import would do, from the first rows of the files (nothing is written). */
export interface ImportPreview {
  readonly kind: DatasetKind;
  /** Canonical field -> the source columns feeding it (several when files name it differently). */
  readonly mapping: Readonly<Record<string, readonly string[]>>;
  /** The canonical fields of the kind, in order (empty for tables). */
  readonly fields: readonly string[];
  /** Source columns found, in order, with their JSON types. */
  readonly sourceColumns: readonly { readonly name: string; readonly type: string }[];
  /** The first rows as read (one column per source column, values as text). */
  readonly rows: import('./columnar').ColumnarResult;
  readonly files: readonly { readonly path: string; readonly format: string }[];
}
