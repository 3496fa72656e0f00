/**
 * One panel of a saved dashboard: its saved view's spec through the engine, drawn by the
 * Explore chart renderer, with the panel's title; loading, empty and error states in place.
 */
import type { ReactElement } from 'react';
import type { DashboardPanel } from '../../../src-shared/saved';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useSavedItem } from '../explore/use-saved';
import { useViewResult } from '../explore/use-view-result';
import { ViewChart } from '../explore/ViewChart';

/** Pixel height of a panel's chart per grid row. */
export const ROW_HEIGHT = 150;

export function ViewPanel({ panel }: { panel: DashboardPanel }): ReactElement {
  const view = useSavedItem<'view'>(panel.viewId ?? null);
  const spec = view.status === 'ready' ? view.item.body.spec : null;
  const result = useViewResult(spec);
  const height = panel.h * ROW_HEIGHT;
  if (!panel.viewId) return <Empty title={panel.title}>This panel has no view.</Empty>;
  if (view.status === 'error') return <ErrorState error={view.error} />;
  if (view.status !== 'ready' || result.status === 'loading') return <div style={{ minHeight: height }}><Loading /></div>;
  if (result.status === 'error') return <ErrorState error={result.error} onRetry={result.retry} />;
  return <ViewChart title={panel.title} spec={view.item.body.spec} chart={view.item.body.chart} result={result.data} height={height} />;
}
