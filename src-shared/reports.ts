/**
 * Evidence reports (PRODUCT.md "Analyses", seed 003): a report is built from saved views, KPI
 * cards, tables and markdown text; it exports as one self-contained HTML file (inline SVG charts
 * plus their data) that carries its sources' fingerprints and a hash of each panel's result, so
 * `tallybook report --verify` can recompute it later and list what changed.
 */
import type { FunnelRequest, RetentionRequest } from './analyses';
import type { QuerySpec } from './query-spec';
import type { ChartType } from './saved';

export type ReportBlock =
  | { readonly type: 'text'; readonly markdown: string }
  | { readonly type: 'view'; readonly viewId: string; readonly title?: string }
  | { readonly type: 'chart'; readonly title: string; readonly spec: QuerySpec; readonly chart: ChartType }
  | { readonly type: 'kpi'; readonly title: string; readonly spec: QuerySpec }
  | { readonly type: 'table'; readonly title: string; readonly spec: QuerySpec };

export type ReportBlockType = ReportBlock['type'];

/** The body of a saved item of kind 'report'. */
export interface ReportDefinition {
  readonly title: string;
  readonly blocks: readonly ReportBlock[];
}

export interface ReportSource {
  readonly dataset: string;
  /** The imported file's name (no folders). */
  readonly file: string;
  readonly sha256: string | null;
  readonly rows_read: number | null;
}

export type ReportPanelType = 'chart' | 'kpi' | 'table';

/** What a panel runs: a query spec, or a saved funnel's or retention table's request. */
export type PanelSource =
  | { readonly spec: QuerySpec; readonly analysis?: undefined }
  | { readonly analysis: 'funnel'; readonly request: FunnelRequest }
  | { readonly analysis: 'retention'; readonly request: RetentionRequest };

export type ReportPanelManifest = PanelSource & {
  /** Position of the block in the report (0-based). */
  readonly index: number;
  readonly title: string;
  readonly type: ReportPanelType;
  /** sha256 of the canonical JSON of the result (columns, rows sorted). */
  readonly sha256: string;
  readonly rows: number;
};

/** The JSON embedded in the report as <script type="application/json" id="tallybook-report">. */
export interface ReportManifest {
  readonly format: 1;
  readonly title: string;
  /** ISO 8601. */
  readonly created_at: string;
  /** The workspace file's name only. */
  readonly workspace: string;
  readonly sources: readonly ReportSource[];
  readonly panels: readonly ReportPanelManifest[];
}

export interface ReportHtmlRequest {
  /** A report composed in the UI. */
  readonly definition?: ReportDefinition;
  /** A saved report's id. */
  readonly savedId?: string;
  /** A saved dashboard's id: a report of its view panels. */
  readonly dashboardId?: string;
}

export interface ReportHtmlResult {
  readonly html: string;
  /** "<title-slug>-YYYY-MM-DD.html". */
  readonly fileName: string;
  readonly manifest: ReportManifest;
}

export interface PanelCheck {
  readonly index: number;
  readonly title: string;
  readonly status: 'same' | 'changed' | 'error';
  readonly expected: string;
  readonly actual: string | null;
  readonly rowsBefore: number;
  readonly rowsNow: number | null;
  readonly error?: string;
}

export interface SourceCheck {
  readonly dataset: string;
  readonly file: string;
  readonly status: 'same' | 'changed' | 'missing' | 'new';
}

export interface ReportVerification {
  readonly ok: boolean;
  readonly title: string;
  readonly created_at: string;
  readonly panels: readonly PanelCheck[];
  readonly sources: readonly SourceCheck[];
}

/** The id of the manifest's script element. */
export const REPORT_MANIFEST_ID = 'tallybook-report';
