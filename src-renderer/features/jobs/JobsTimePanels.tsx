/**
 * Jobs over time (line), the success-rate trend (area) and cost over time (bars): one grain
 * query spec feeds all three
 * (the cache makes it one engine call), the previous period dashed when comparing.
 */
import type { ReactElement } from 'react';
import { formatMoney, formatPercent } from '../dashboards/format';
import { TimeSeriesPanel, type PlottedMeasure } from '../dashboards/TimeSeriesPanel';
import type { DashboardContext } from '../dashboards/useDashboard';
import { useSpec } from '../dashboards/useSpec';
import { DELIVERED_RATE, overTimeSpec } from './jobs-specs';

const EMPTY = 'No jobs in this range';
const JOBS: readonly PlottedMeasure[] = [{ measure: 'count', name: 'Jobs' }];
const SUCCESS: readonly PlottedMeasure[] = [{ measure: DELIVERED_RATE, name: 'Success rate %', scale: 100 }];
const COST: readonly PlottedMeasure[] = [{ measure: 'sum(cost)', name: 'Cost' }];

export function JobsOverTime({ ctx }: { ctx: DashboardContext }): ReactElement {
  const state = useSpec(ctx, overTimeSpec(ctx));
  return <TimeSeriesPanel ctx={ctx} title="Jobs over time" state={state} measures={JOBS} integer emptyText={EMPTY} />;
}

export function SuccessRateTrend({ ctx }: { ctx: DashboardContext }): ReactElement {
  const state = useSpec(ctx, overTimeSpec(ctx));
  return <TimeSeriesPanel ctx={ctx} title="Success-rate trend" state={state} measures={SUCCESS} kind="area" yMax={100} valueFormatter={formatPercent} emptyText={EMPTY} />;
}

export function CostOverTime({ ctx }: { ctx: DashboardContext }): ReactElement {
  const state = useSpec(ctx, overTimeSpec(ctx));
  return <TimeSeriesPanel ctx={ctx} title={`Cost over time (${ctx.currency})`} state={state} measures={COST} kind="bar" valueFormatter={(v) => formatMoney(v, ctx.currency)} emptyText={EMPTY} />;
}
