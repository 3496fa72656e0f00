/**
 * The one service every front door speaks: the CLI calls it in-process, the Electron IPC adapter
 * and the browser-mode HTTP adapter expose exactly these methods (one `invoke`, one `on`), and
 * the renderer's client is derived from this interface. Every method takes one plain JSON
 * request and returns plain JSON; errors cross as ErrorShape (errors.ts).
 */
import type {
  CheckResult, DerivedRateRequest, EngagementRequest, FunnelDropOffRequest, FunnelRequest, FunnelStepResult, MetricSeriesRequest, RetentionRequest, RetentionResult, ThresholdBreach, TopNRequest,
} from './analyses';
import type { ColumnarResult } from './columnar';
import type { DatasetInfo, DatasetProfile, ImportPreview, ImportPreviewRequest, ImportProgress, ImportRequest, ImportSummary, RebuildSummary, RowsRequest, WorkspaceInfo, WorkspaceSettings } from './datasets';
import type { ErrorShape } from './errors';
import type { PresetRequest, PresetResult } from './presets';
import type { QuerySpec } from './query-spec';
import type { SavedDuplicateRequest, SavedItem, SavedListRequest, SavedPutRequest } from './saved';
import type { ReportHtmlRequest, ReportHtmlResult, ReportVerification } from './reports';
import type { CancelQueryResult, SqlCompleteRequest, SqlCompletion, SqlPage, SqlPageRequest } from './sql-console';

export interface RejectsRequest {
  readonly dataset: string;
  readonly limit?: number;
  readonly offset?: number;
}

export type ExportFormat = 'csv' | 'json' | 'ndjson' | 'parquet';

/**
 * Exactly one source: a dataset, read-only SQL, a query spec (its full result), a dataset's rows
 * as a rows request selects them (range, filters, sort; all pages), a dataset's rejects, or the
 * units that dropped off before a funnel step.
 */
export interface ExportRequest {
  readonly dataset?: string;
  readonly sql?: string;
  readonly spec?: QuerySpec;
  readonly rows?: Omit<RowsRequest, 'offset' | 'limit'>;
  readonly rejectsOf?: string;
  /** A funnel step's dropped-off units (all pages). */
  readonly funnelDropOff?: Omit<FunnelDropOffRequest, 'offset' | 'limit'>;
  readonly path: string;
  /** Default: from the file name's extension. */
  readonly format?: ExportFormat;
}

export interface ExportResult {
  readonly path: string;
  readonly rows: number;
  readonly format: ExportFormat;
}

export interface RowsPage extends ColumnarResult {
  readonly totalRows: number;
  readonly offset: number;
}

export interface TallybookService {
  /** The open workspace, or null when none is open yet. */
  workspace(): Promise<WorkspaceInfo | null>;
  /** Opens (or, with create, creates) a workspace file; the previous one is closed. */
  openWorkspace(req: { readonly path: string; readonly create?: boolean; readonly readOnly?: boolean }): Promise<WorkspaceInfo>;
  /**
   * Writes a new workspace at `path` (after a damaged one was moved aside) by importing its
   * recorded source files again, in order and with their options, then opens it.
   */
  rebuildWorkspace(req: { readonly path: string }): Promise<RebuildSummary>;
  /** Opens the demo workspace, writing it first when it does not exist. */
  openDemo(): Promise<WorkspaceInfo>;
  /** Recently opened workspace paths, newest first. */
  recentWorkspaces(): Promise<string[]>;
  settings(): Promise<WorkspaceSettings>;
  updateSettings(patch: Partial<WorkspaceSettings>): Promise<WorkspaceSettings>;
  /** A JSON value kept with the workspace (e.g. a dashboard's filter bar). */
  getState(req: { readonly key: string }): Promise<unknown>;
  setState(req: { readonly key: string; readonly value: unknown }): Promise<void>;
  /** Per-column profile: type, null %, distinct, min/max, histogram. */
  profile(req: { readonly dataset: string }): Promise<DatasetProfile>;
  /** One page of rows, sorted server-side. */
  rows(req: RowsRequest): Promise<RowsPage>;
  /** The datasets of the open workspace with their columns and row counts. */
  datasets(): Promise<DatasetInfo[]>;
  /** Reads the first rows of files and says which kind and mapping an import would use. */
  previewImport(req: ImportPreviewRequest): Promise<ImportPreview>;
  /** Imports files into a dataset (created when new); progress arrives as `importProgress` events. */
  importFiles(req: ImportRequest): Promise<ImportSummary>;
  /** Cancels the running import, if any; the workspace stays as it was. */
  cancelImport(): Promise<void>;
  /** Rejected rows of a dataset's imports (file, line, reason, raw), paged. */
  rejects(req: RejectsRequest): Promise<ColumnarResult>;
  /** Runs read-only SQL; writes, attaches, COPY, INSTALL/LOAD and SET are refused. */
  sql(req: { readonly sql: string }): Promise<ColumnarResult>;
  /** The SQL console: one page of a read-only statement's result, with the total row count. */
  sqlPage(req: SqlPageRequest): Promise<SqlPage>;
  /** The SQL console's completions at the cursor (DuckDB's sql_auto_complete). */
  sqlComplete(req: SqlCompleteRequest): Promise<SqlCompletion>;
  /** Cancels the SQL console's running statement; it fails with a `cancelled` error. */
  cancelQuery(): Promise<CancelQueryResult>;
  /** Runs a query spec (PRODUCT.md "Query spec"). */
  query(spec: QuerySpec): Promise<ColumnarResult>;
  /** A seed 002 jobs report. */
  preset(req: PresetRequest): Promise<PresetResult>;
  funnel(req: FunnelRequest): Promise<FunnelStepResult[]>;
  /** One page of the units that reached step - 1 of a funnel but not step. */
  funnelDropOff(req: FunnelDropOffRequest): Promise<RowsPage>;
  retention(req: RetentionRequest): Promise<RetentionResult>;
  topN(req: TopNRequest): Promise<ColumnarResult>;
  /** DAU, WAU, MAU and stickiness per day (columns day, dau, wau, mau, stickiness). */
  engagement(req: EngagementRequest): Promise<ColumnarResult>;
  /** Metric snapshot series (columns time, metric, value). */
  metricSeries(req: MetricSeriesRequest): Promise<ColumnarResult>;
  /** A rate of metrics, e.g. cache hit rate (columns time, numerator, denominator, rate). */
  derivedRate(req: DerivedRateRequest): Promise<ColumnarResult>;
  /** Points breaking rules such as `planner.resolution_rate < 0.8`. */
  thresholds(req: { readonly dataset: string; readonly rules: readonly string[] }): Promise<ThresholdBreach[]>;
  /** Parity of stored rollups against raw rows. */
  check(req: { readonly dataset?: string }): Promise<CheckResult>;
  /** Writes a dataset, a query or rejected rows to a file the user chose. */
  exportData(req: ExportRequest): Promise<ExportResult>;
  /**
   * The desktop app's export: asks where to save (a save dialog proposing fileName), then writes
   * as exportData; null when the user cancels. The browser mode downloads instead (POST /api/export).
   */
  saveExport(req: SaveExportRequest): Promise<ExportResult | null>;
  /**
   * The desktop app's report PDF: asks where to save (a save dialog), prints the report's HTML
   * with Electron's printToPDF; null when the user cancels. The browser mode and the CLI print
   * with headless Chromium instead (POST /api/report-pdf, tallybook report -o FILE.pdf).
   */
  saveReportPdf(req: ReportHtmlRequest): Promise<{ readonly path: string } | null>;
  /** Saved views, dashboards and reports of the workspace (by name). */
  savedList(req: SavedListRequest): Promise<SavedItem[]>;
  savedGet(req: { readonly id: string }): Promise<SavedItem>;
  /** Creates (no id: a new uuid) or replaces a saved item. */
  savedPut(req: SavedPutRequest): Promise<SavedItem>;
  savedDelete(req: { readonly id: string }): Promise<void>;
  savedDuplicate(req: SavedDuplicateRequest): Promise<SavedItem>;
  /** A self-contained HTML evidence report (a definition, a saved report or dashboard, or the default). */
  reportHtml(req: ReportHtmlRequest): Promise<ReportHtmlResult>;
  /** Recomputes a report's panels and sources on the open workspace and lists what changed. */
  reportVerify(req: { readonly html: string }): Promise<ReportVerification>;
}

export type SaveExportRequest = Omit<ExportRequest, 'path'> & { readonly fileName: string };

export type ServiceMethod = keyof TallybookService;

/** Every method, once: the record type makes the compiler catch a method missing here. */
const METHOD_SET: Record<ServiceMethod, true> = {
  workspace: true,
  openWorkspace: true,
  rebuildWorkspace: true,
  openDemo: true,
  recentWorkspaces: true,
  settings: true,
  updateSettings: true,
  getState: true,
  setState: true,
  profile: true,
  rows: true,
  datasets: true,
  previewImport: true,
  importFiles: true,
  cancelImport: true,
  rejects: true,
  sql: true,
  sqlPage: true,
  sqlComplete: true,
  cancelQuery: true,
  query: true,
  preset: true,
  funnel: true,
  funnelDropOff: true,
  retention: true,
  topN: true,
  engagement: true,
  metricSeries: true,
  derivedRate: true,
  thresholds: true,
  check: true,
  exportData: true,
  saveExport: true,
  saveReportPdf: true,
  savedList: true,
  savedGet: true,
  savedPut: true,
  savedDelete: true,
  savedDuplicate: true,
  reportHtml: true,
  reportVerify: true,
};

export const SERVICE_METHODS = Object.keys(METHOD_SET) as readonly ServiceMethod[];

/**
 * What the desktop shell (native menu, file dialogs, a second launch with file arguments) asks
 * the renderer to do: reload the workspace it just opened, go to Import with files prefilled,
 * export what is on screen, or switch between light and dark.
 */
export type ShellCommand =
  | { readonly command: 'workspace-opened' }
  | { readonly command: 'import'; readonly paths: readonly string[] }
  | { readonly command: 'export' }
  | { readonly command: 'toggle-theme' };

export interface ServiceEvents {
  importProgress: ImportProgress;
  /** Desktop only: a command from the shell (the browser mode never sends one). */
  shell: ShellCommand;
}

/** What crosses every bridge for one call: a result, or an error as data. */
export type InvokeOutcome<T = unknown> = { readonly ok: true; readonly result: T } | { readonly ok: false; readonly error: ErrorShape };

/** What an event carries over a bridge. */
export interface EventMessage<K extends keyof ServiceEvents = keyof ServiceEvents> {
  readonly event: K;
  readonly payload: ServiceEvents[K];
}
