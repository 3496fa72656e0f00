/**
 * Runs what a report panel shows — a query spec, a saved funnel or a retention table — as one
 * columnar result (the thing that is drawn, tabled and hashed). Funnels: one row per step (and
 * breakdown value); retention: one row per cohort with the share active in each period.
 */
import type { FunnelStepResult, RetentionResult } from '../../../src-shared/analyses';
import type { CellValue, ColumnarResult } from '../../../src-shared/columnar';
import type { PanelSource } from '../../../src-shared/reports';
import { runFunnel } from '../analyses/funnel';
import { runRetention } from '../analyses/retention';
import { runQuery } from '../query/run-query';
import type { Workspace } from '../workspace';

type Column = { readonly name: string; readonly type: string; readonly values: readonly CellValue[] };

const columnar = (cols: readonly Column[], rowCount: number): ColumnarResult => ({
  columns: cols.map(({ name, type }) => ({ name, type })),
  data: cols.map((c) => c.values),
  rowCount,
});

export function funnelColumns(steps: readonly FunnelStepResult[]): ColumnarResult {
  const by = steps.some((s) => s.breakdown !== undefined);
  return columnar([
    ...(by ? [{ name: 'breakdown', type: 'VARCHAR', values: steps.map((s) => s.breakdown ?? null) }] : []),
    { name: 'step', type: 'BIGINT', values: steps.map((s) => s.step) },
    { name: 'event_name', type: 'VARCHAR', values: steps.map((s) => s.event_name) },
    { name: 'count', type: 'BIGINT', values: steps.map((s) => s.count) },
    { name: 'from start %', type: 'DOUBLE', values: steps.map((s) => s.conversion_from_start) },
    { name: 'from previous %', type: 'DOUBLE', values: steps.map((s) => s.conversion_from_previous) },
    { name: 'median s to convert', type: 'DOUBLE', values: steps.map((s) => s.median_seconds_to_convert) },
  ], steps.length);
}

export function retentionColumns(r: RetentionResult): ColumnarResult {
  const width = Math.max(0, ...r.cohorts.map((c) => c.percentages.length));
  const periods = Array.from({ length: width }, (_, i) => i);
  return columnar([
    { name: 'cohort', type: 'VARCHAR', values: r.cohorts.map((c) => c.cohort) },
    { name: 'size', type: 'BIGINT', values: r.cohorts.map((c) => c.size) },
    ...periods.map((i) => ({ name: `${r.interval} ${i} %`, type: 'DOUBLE', values: r.cohorts.map((c) => c.percentages[i] ?? null) })),
  ], r.cohorts.length);
}

export async function runPanelSource(ws: Workspace, source: PanelSource): Promise<ColumnarResult> {
  if (source.analysis === 'funnel') return funnelColumns(await runFunnel(ws, source.request));
  if (source.analysis === 'retention') return retentionColumns(await runRetention(ws, source.request));
  return runQuery(ws, source.spec);
}

export const sourceDataset = (source: PanelSource): string => (source.analysis === undefined ? source.spec.dataset : source.request.dataset);

/** Only the source's own fields, for the manifest. */
export const sourceOnly = (source: PanelSource): PanelSource =>
  source.analysis === undefined ? { spec: source.spec } : source.analysis === 'funnel' ? { analysis: 'funnel', request: source.request } : { analysis: 'retention', request: source.request };
