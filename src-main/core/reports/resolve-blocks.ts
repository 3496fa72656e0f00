/**
 * A report definition checked and made concrete: every block becomes text or a data panel
 * (chart, KPI, table) with its spec; a saved view becomes a chart, a KPI (chart "number") or a
 * table (chart "table") under the view's name unless the block names it; a saved funnel becomes
 * a bar chart of its steps, a saved retention view a table of its cohorts.
 */
import { UserError } from '../../../src-shared/errors';
import type { PanelSource, ReportBlock, ReportDefinition, ReportPanelType } from '../../../src-shared/reports';
import { CHART_TYPES, isAnalysisView, type ChartType, type SavedViewBody } from '../../../src-shared/saved';
import { validateSpec } from '../query/validate-spec';
import { savedGet } from '../saved';
import type { Workspace } from '../workspace';

export type ResolvedBlock =
  | { readonly type: 'text'; readonly markdown: string }
  | { readonly type: ReportPanelType; readonly title: string; readonly source: PanelSource; readonly chart: ChartType };

const bad = (message: string, hint?: string) => new UserError('bad_request', message, hint);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function title(v: unknown, where: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw bad(`${where} needs a title`);
  return v.trim();
}

export function checkDefinition(input: unknown): ReportDefinition {
  if (!isObject(input) || !Array.isArray(input.blocks)) throw bad('a report needs {title, blocks: [...]}');
  return { title: title(input.title, 'the report'), blocks: input.blocks.map(checkBlock) };
}

function checkBlock(b: unknown, i: number): ReportBlock {
  const where = `block ${i + 1}`;
  if (!isObject(b)) throw bad(`${where} must be an object with a type`);
  switch (b.type) {
    case 'text':
      if (typeof b.markdown !== 'string') throw bad(`${where} (text) needs markdown`);
      return { type: 'text', markdown: b.markdown };
    case 'view':
      if (typeof b.viewId !== 'string' || b.viewId === '') throw bad(`${where} (view) needs a viewId`);
      return { type: 'view', viewId: b.viewId, ...(typeof b.title === 'string' && b.title.trim() ? { title: b.title.trim() } : {}) };
    case 'chart': {
      if (typeof b.chart !== 'string' || !(CHART_TYPES as readonly string[]).includes(b.chart)) throw bad(`${where} has unknown chart type ${JSON.stringify(b.chart)}`, `charts: ${CHART_TYPES.join(', ')}`);
      return { type: 'chart', title: title(b.title, where), spec: validateSpec(b.spec), chart: b.chart as ChartType };
    }
    case 'kpi':
    case 'table':
      return { type: b.type, title: title(b.title, where), spec: validateSpec(b.spec) };
    default:
      throw bad(`${where} has unknown type ${JSON.stringify(b.type)}`, 'types: text, view, chart, kpi, table');
  }
}

async function resolveView(ws: Workspace, viewId: string, name?: string): Promise<ResolvedBlock> {
  const item = await savedGet(ws, { id: viewId });
  if (item.kind !== 'view') throw bad(`saved item "${item.name}" is a ${item.kind}, not a view`);
  const body = item.body as SavedViewBody;
  const title = name ?? item.name;
  if (isAnalysisView(body)) {
    return body.analysis === 'funnel'
      ? { type: 'chart', title, source: { analysis: 'funnel', request: body.request }, chart: 'bar' }
      : { type: 'table', title, source: { analysis: 'retention', request: body.request }, chart: 'table' };
  }
  const type: ReportPanelType = body.chart === 'table' ? 'table' : body.chart === 'number' ? 'kpi' : 'chart';
  return { type, title, source: { spec: body.spec }, chart: body.chart };
}

export async function resolveBlocks(ws: Workspace, def: ReportDefinition): Promise<ResolvedBlock[]> {
  const out: ResolvedBlock[] = [];
  for (const b of def.blocks) {
    if (b.type === 'text') out.push(b);
    else if (b.type === 'view') out.push(await resolveView(ws, b.viewId, b.title));
    else out.push({ type: b.type, title: b.title, source: { spec: b.spec }, chart: b.type === 'chart' ? b.chart : b.type === 'kpi' ? 'number' : 'table' });
  }
  return out;
}
