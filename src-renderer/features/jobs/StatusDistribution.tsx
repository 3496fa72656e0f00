/** Status distribution (doughnut): jobs by status in the window. */
import type { ReactElement } from 'react';
import type { ColumnarResult } from '../../../src-shared/columnar';
import { pieChart } from '../dashboards/chart-options';
import { columnarOf, labels, numbers } from '../dashboards/columnar';
import { formatInt } from '../dashboards/format';
import { ChartPanel, type ChartView } from '../dashboards/Panel';
import type { DashboardContext } from '../dashboards/useDashboard';
import { useSpec } from '../dashboards/useSpec';
import { byStatusSpec } from './jobs-specs';

export function StatusDistribution({ ctx }: { ctx: DashboardContext }): ReactElement {
  const state = useSpec(ctx, byStatusSpec(ctx));
  const view = (r: ColumnarResult): ChartView => {
    const status = labels(r, 'status');
    const jobs = numbers(r, 'count').map((v) => v ?? 0);
    return { option: pieChart({ names: status, values: jobs, doughnut: true, valueFormatter: formatInt }), data: columnarOf({ status, jobs }), empty: r.rowCount === 0 };
  };
  return <ChartPanel title="Status distribution" state={state} view={view} emptyText="No jobs in this range" />;
}
