/**
 * The frame of a dashboard: its title, the global filter bar, and the panels once the bar's
 * state is restored and the dataset's time extent is known — or the screen's own loading,
 * "no dataset" and error states.
 */
import type { ReactElement, ReactNode } from 'react';
import type { DatasetKind } from '../../../src-shared/datasets';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useStore } from '../../store/store';
import { FilterBar } from './FilterBar';
import type { FilterKey } from './filter-store';
import { rangeLabel } from './filter-model';
import { useDashboard, useDashboardBar, type DashboardContext } from './useDashboard';
import './dashboards.css';

export interface DashboardShellProps {
  readonly title: string;
  readonly filterKey: FilterKey;
  readonly kinds: readonly DatasetKind[];
  /** What to import when the workspace has no dataset of these kinds. */
  readonly emptyHint: string;
  readonly children: (ctx: DashboardContext) => ReactNode;
}

export function DashboardShell({ title, filterKey, kinds, emptyHint, children }: DashboardShellProps): ReactElement {
  const bar = useDashboardBar(filterKey, kinds);
  const state = useDashboard(bar);
  const navigate = useStore((s) => s.navigate);
  const { filters } = bar;
  let body: ReactNode;
  if (state.status === 'ready') body = children(state.data);
  else if (state.status === 'error') body = <ErrorState error={state.error} onRetry={state.retry} />;
  else if (filters && state.status === 'no-dataset')
    body = (
      <Empty title={`No ${kinds.join(' or ')} dataset in this workspace`}>
        {emptyHint}{' '}
        <button type="button" onClick={() => navigate('import')}>
          Import…
        </button>
      </Empty>
    );
  else body = <Loading label="Loading the dashboard…" />;
  const ctx = state.status === 'ready' ? state.data : null;
  return (
    <div className="dashboard">
      <header className="dashboard-header">
        <h1>{title}</h1>
        {filters ? <span className="muted">{rangeLabel(filters.range)}</span> : null}
      </header>
      {filters && bar.candidates.length > 0 ? (
        <FilterBar bar={bar} filters={filters} info={bar.candidates.find((d) => d.name === filters.dataset)} extent={ctx?.extent ?? null} shownGrain={ctx?.grain} />
      ) : null}
      {body}
    </div>
  );
}
