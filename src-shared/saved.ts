/**
 * Saved objects that travel with the workspace file (table tallybook.saved): views (Explore
 * queries, funnels and retention tables), user dashboards made of views, and reports (whose body
 * belongs to the reports feature).
 */
import type { FunnelRequest, RetentionRequest } from './analyses';
import type { QuerySpec } from './query-spec';

export const SAVED_KINDS = ['view', 'dashboard', 'report'] as const;
export type SavedKind = (typeof SAVED_KINDS)[number];

export const CHART_TYPES = ['line', 'area', 'stacked-bar', 'bar', 'pie', 'table', 'number'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export const MAX_SAVED_NAME = 200;
/** Bytes of the body's JSON. */
export const MAX_SAVED_BODY = 1_000_000;
export const MAX_PANEL_HEIGHT = 6;

/** A saved Explore view: the query and how to draw it. */
export interface ViewBody {
  readonly spec: QuerySpec;
  readonly chart: ChartType;
  /** Kept for older views; the spec's own `topN` is what runs. */
  readonly topN?: number;
  /** Absent on query views (it tells them from the analysis views). */
  readonly analysis?: undefined;
}

/** The analyses a saved view can hold instead of a query spec. */
export const VIEW_ANALYSES = ['funnel', 'retention'] as const;
export type ViewAnalysis = (typeof VIEW_ANALYSES)[number];

/** A saved funnel: its request, run again (re-validated by the engine) whenever it is drawn. */
export interface FunnelViewBody {
  readonly analysis: 'funnel';
  readonly request: FunnelRequest;
}

/** A saved retention table: its request, run again whenever it is drawn. */
export interface RetentionViewBody {
  readonly analysis: 'retention';
  readonly request: RetentionRequest;
}

export type AnalysisViewBody = FunnelViewBody | RetentionViewBody;

/** What a saved view holds: a query view (no `analysis`), a funnel or a retention table. */
export type SavedViewBody = ViewBody | AnalysisViewBody;

export const isAnalysisView = (body: SavedViewBody): body is AnalysisViewBody => body.analysis !== undefined;

export interface DashboardPanel {
  readonly id: string;
  /** The saved view this panel draws. */
  readonly viewId?: string;
  /** A built-in panel's key (reserved; drawn by whoever knows it). */
  readonly builtin?: string;
  readonly title: string;
  /** Columns of a 12-column grid, 1–12. */
  readonly w: number;
  /** Rows, 1–MAX_PANEL_HEIGHT. */
  readonly h: number;
}

/** A user dashboard: its panels in display order. */
export interface DashboardBody {
  readonly panels: readonly DashboardPanel[];
}

export interface SavedBodies {
  view: SavedViewBody;
  dashboard: DashboardBody;
  report: unknown;
}

export interface SavedItem<K extends SavedKind = SavedKind> {
  readonly id: string;
  readonly kind: K;
  readonly name: string;
  readonly body: SavedBodies[K];
  /** ISO 8601. */
  readonly updatedAt: string;
}

export interface SavedListRequest {
  readonly kind?: SavedKind;
}

export interface SavedPutRequest<K extends SavedKind = SavedKind> {
  /** Absent: a new item with a fresh id. Given: replaces that item (or creates it under that id). */
  readonly id?: string;
  readonly kind: K;
  readonly name: string;
  readonly body: SavedBodies[K];
}

export interface SavedDuplicateRequest {
  readonly id: string;
  /** Default: "<name> (copy)". */
  readonly name?: string;
}
