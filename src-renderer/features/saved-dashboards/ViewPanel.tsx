/**
 * One panel of a saved dashboard: its saved view — a query spec through the engine, drawn by the
 * Explore chart renderer, or a funnel / retention analysis (AnalysisPanel) — with the panel's
 * title; loading, empty and error states in place.
 */
import type { ReactElement } from 'react';
import { isAnalysisView, type DashboardPanel } from '../../../src-shared/saved';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useSavedItem } from '../explore/use-saved';
import { useViewResult } from '../explore/use-view-result';
import { ViewChart } from '../explore/ViewChart';
import { AnalysisPanel } from './AnalysisPanel';

/** Pixel height of a panel's chart per grid row. */
export const ROW_HEIGHT = 150;

export function ViewPanel({ panel }: { panel: DashboardPanel }): ReactElement {
  const view = useSavedItem<'view'>(panel.viewId ?? null);
  const body = view.status === 'ready' ? view.item.body : null;
  const spec = body && !isAnalysisView(body) ? body.spec : null;
  const result = useViewResult(spec);
  const height = panel.h * ROW_HEIGHT;
  if (!panel.viewId) return <Empty title={panel.title}>This panel has no view.</Empty>;
  if (view.status === 'error') return <ErrorState error={view.error} />;
  if (body && isAnalysisView(body)) return <AnalysisPanel title={panel.title} body={body} height={height} />;
  if (!body || !spec || result.status === 'loading') return <div style={{ minHeight: height }}><Loading /></div>;
  if (result.status === 'error') return <ErrorState error={result.error} onRetry={result.retry} />;
  return <ViewChart title={panel.title} spec={spec} chart={body.chart} result={result.data} height={height} />;
}
