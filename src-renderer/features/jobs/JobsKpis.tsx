/** The jobs KPI strip: total jobs, total cost (workspace currency), success rate, avg generation time. */
import type { ReactElement } from 'react';
import { formatInt, formatMoney, formatPercent, formatSeconds } from '../dashboards/format';
import { KpiStrip, type KpiDef } from '../dashboards/KpiStrip';
import type { DashboardContext } from '../dashboards/useDashboard';
import { useSpec } from '../dashboards/useSpec';
import { DELIVERED_RATE, kpiSpec } from './jobs-specs';

export function JobsKpis({ ctx }: { ctx: DashboardContext }): ReactElement {
  const state = useSpec(ctx, kpiSpec(ctx));
  const defs: KpiDef[] = [
    { id: 'total-jobs', label: 'Total jobs', measure: 'count', format: formatInt, better: 'up' },
    { id: 'total-cost', label: `Total cost (${ctx.currency})`, measure: 'sum(cost)', format: (n) => formatMoney(n, ctx.currency), better: 'neither' },
    { id: 'success-rate', label: 'Success rate', measure: DELIVERED_RATE, format: formatPercent, better: 'up', scale: 100 },
    { id: 'avg-generation-time', label: 'Avg generation time', measure: 'avg(generation_seconds)', format: formatSeconds, better: 'down' },
  ];
  return <KpiStrip state={state} defs={defs} />;
}
