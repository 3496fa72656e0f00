/**
 * The jobs dashboard (seed 002 layout): KPI strip, jobs over time, cost by provider,
 * success-rate trend, provider performance, status distribution (with cost over time beside it)
 * and the recent jobs table,
 * all under the global filter bar.
 */
import type { ReactElement } from 'react';
import type { DatasetKind } from '../../../src-shared/datasets';
import { DashboardShell } from '../dashboards/DashboardShell';
import type { DashboardContext } from '../dashboards/useDashboard';
import { JobsKpis } from './JobsKpis';
import { CostOverTime, JobsOverTime, SuccessRateTrend } from './JobsTimePanels';
import { CostByProvider, ProviderPerformance } from './ProviderPanels';
import { RecentJobs } from './RecentJobs';
import { StatusDistribution } from './StatusDistribution';

const KINDS: readonly DatasetKind[] = ['jobs'];

function JobsPanels({ ctx }: { ctx: DashboardContext }): ReactElement {
  return (
    <>
      <JobsKpis ctx={ctx} />
      <div className="panel-grid">
        <JobsOverTime ctx={ctx} />
        <CostByProvider ctx={ctx} />
        <SuccessRateTrend ctx={ctx} />
        <ProviderPerformance ctx={ctx} />
        <StatusDistribution ctx={ctx} />
        <CostOverTime ctx={ctx} />
      </div>
      <RecentJobs ctx={ctx} />
    </>
  );
}

export function JobsScreen(_props: { params: readonly string[] }): ReactElement {
  return (
    <DashboardShell title="Jobs dashboard" filterKey="filters:jobs" kinds={KINDS} emptyHint="Import a jobs export (seed 002 CSV or JSON) to see this dashboard.">
      {(ctx) => <JobsPanels ctx={ctx} />}
    </DashboardShell>
  );
}
