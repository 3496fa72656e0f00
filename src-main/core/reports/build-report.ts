/**
 * buildReport: run every panel's spec, hash its result, draw charts as SVG, collect the
 * sources' fingerprints and write the self-contained HTML with its manifest.
 */
import { basename } from 'node:path';
import type { ColumnarResult } from '../../../src-shared/columnar';
import type { ReportDefinition, ReportManifest, ReportPanelManifest } from '../../../src-shared/reports';
import type { Workspace } from '../workspace';
import { funnelChartOption, reportChartOption } from './chart-option';
import { renderSvg } from './chart-svg';
import { reportDocument, type RenderedBlock } from './report-document';
import { runPanelSource, sourceDataset, sourceOnly } from './panel-source';
import { resolveBlocks, type ResolvedBlock } from './resolve-blocks';
import { resultHash } from './result-hash';
import { reportSources } from './sources';

export interface BuiltReport {
  readonly html: string;
  readonly manifest: ReportManifest;
}

type Panel = Exclude<ResolvedBlock, { type: 'text' }>;

/** A KPI shows the first measure of the first row (an analysis: its last column). */
const kpiMeasure = (b: Panel, result: ColumnarResult): string =>
  b.source.analysis === undefined ? b.source.spec.measures[0]! : (result.columns[result.columns.length - 1]?.name ?? '');

const chartOption = (b: Panel, result: ColumnarResult) =>
  b.source.analysis === undefined ? reportChartOption(result, b.source.spec, b.chart) : funnelChartOption(result);

export async function buildReport(ws: Workspace, def: ReportDefinition, now: Date = new Date()): Promise<BuiltReport> {
  const blocks = await resolveBlocks(ws, def);
  const rendered: RenderedBlock[] = [];
  const panels: ReportPanelManifest[] = [];
  for (const [index, b] of blocks.entries()) {
    if (b.type === 'text') {
      rendered.push(b);
      continue;
    }
    const result = await runPanelSource(ws, b.source);
    const sha256 = resultHash(result);
    panels.push({ ...sourceOnly(b.source), index, title: b.title, type: b.type, sha256, rows: result.rowCount });
    if (b.type === 'kpi') rendered.push({ type: 'kpi', title: b.title, result, sha256, measure: kpiMeasure(b, result) });
    else if (b.type === 'table') rendered.push({ type: 'table', title: b.title, result, sha256 });
    else rendered.push({ type: 'chart', title: b.title, result, sha256, svg: result.rowCount === 0 ? null : renderSvg(chartOption(b, result)) });
  }
  const datasets = [...new Set(panels.map(sourceDataset))].sort();
  const manifest: ReportManifest = {
    format: 1,
    title: def.title,
    created_at: now.toISOString(),
    workspace: basename(ws.path),
    sources: await reportSources(ws, datasets),
    panels,
  };
  return { html: reportDocument(manifest, rendered), manifest };
}
