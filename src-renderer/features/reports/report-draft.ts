/**
 * The report being composed, as pure functions over an immutable draft: blocks get a local key
 * for React and the editor; `toDefinition` strips it for the engine and the saved item.
 */
import type { ReportBlock, ReportDefinition } from '../../../src-shared/reports';
import { isAnalysisView, type SavedItem, type ViewBody } from '../../../src-shared/saved';

export interface DraftBlock {
  readonly key: string;
  readonly block: ReportBlock;
}

export interface ReportDraft {
  /** The saved report it was opened from (null: not saved yet). */
  readonly id: string | null;
  readonly title: string;
  readonly blocks: readonly DraftBlock[];
}

let next = 0;
const keyed = (block: ReportBlock): DraftBlock => ({ key: `b${++next}`, block });

export const emptyDraft = (): ReportDraft => ({ id: null, title: 'New report', blocks: [] });

export function fromSaved(item: SavedItem<'report'>): ReportDraft {
  const body = item.body as Partial<ReportDefinition> | null;
  const blocks = Array.isArray(body?.blocks) ? body.blocks : [];
  return { id: item.id, title: typeof body?.title === 'string' ? body.title : item.name, blocks: blocks.map(keyed) };
}

export const toDefinition = (d: ReportDraft): ReportDefinition => ({ title: d.title.trim() || 'Report', blocks: d.blocks.map((b) => b.block) });

export const addBlock = (d: ReportDraft, block: ReportBlock): ReportDraft => ({ ...d, blocks: [...d.blocks, keyed(block)] });

export const removeBlock = (d: ReportDraft, key: string): ReportDraft => ({ ...d, blocks: d.blocks.filter((b) => b.key !== key) });

export const updateBlock = (d: ReportDraft, key: string, block: ReportBlock): ReportDraft => ({ ...d, blocks: d.blocks.map((b) => (b.key === key ? { key, block } : b)) });

export function moveBlock(d: ReportDraft, key: string, by: -1 | 1): ReportDraft {
  const i = d.blocks.findIndex((b) => b.key === key);
  const j = i + by;
  if (i < 0 || j < 0 || j >= d.blocks.length) return d;
  const blocks = [...d.blocks];
  [blocks[i], blocks[j]] = [blocks[j]!, blocks[i]!];
  return { ...d, blocks };
}

/** A saved view that holds a query spec (not a funnel or a retention table). */
export type QueryView = SavedItem<'view'> & { readonly body: ViewBody };

export const isQueryView = (v: SavedItem<'view'>): v is QueryView => !isAnalysisView(v.body);

/**
 * A block made from a saved view: the view itself (drawn as saved; funnels as bars, retention
 * as a table), or a query view's spec as a KPI or a table.
 */
export function blockFromView(view: SavedItem<'view'>, as: 'view' | 'kpi' | 'table'): ReportBlock | null {
  if (as === 'view') return { type: 'view', viewId: view.id };
  return isQueryView(view) ? { type: as, title: view.name, spec: view.body.spec } : null;
}

/** One line saying what a saved view shows. */
export function viewSummary(view: SavedItem<'view'>): string {
  const body = view.body;
  if (isAnalysisView(body)) return `${view.name} · ${body.analysis} on ${body.request.dataset}`;
  return `${view.name} · ${body.chart} of ${body.spec.measures.join(', ')} on ${body.spec.dataset}`;
}
