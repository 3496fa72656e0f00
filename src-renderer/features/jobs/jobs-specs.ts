/**
 * The query specs behind the jobs dashboard. They agree with the seed 002 presets on the plain
 * case (a "last N days" window, no dimension filters): total jobs = count, total cost =
 * sum(cost), success rate = delivered share, avg generation time = avg(generation_seconds)
 * (null unless the job both started and completed), avg cost per job = sum(cost) / count.
 */
import type { QuerySpec } from '../../../src-shared/query-spec';
import type { DashboardContext } from '../dashboards/useDashboard';
import { compareOf, timeWithGrain } from '../dashboards/useSpec';

export const DELIVERED_RATE = 'rate(status = delivered)';
export const KPI_MEASURES = ['count', 'sum(cost)', DELIVERED_RATE, 'avg(generation_seconds)'] as const;

export const kpiSpec = (ctx: DashboardContext): QuerySpec => ({ ...ctx.base, measures: KPI_MEASURES, ...compareOf(ctx) });

export const overTimeSpec = (ctx: DashboardContext): QuerySpec => ({
  ...ctx.base,
  time: timeWithGrain(ctx),
  measures: ['count', 'sum(cost)', DELIVERED_RATE],
  ...compareOf(ctx),
});

export const byProviderSpec = (ctx: DashboardContext): QuerySpec => ({
  ...ctx.base,
  dimensions: ['provider'],
  measures: ['count', 'sum(cost)', 'avg(generation_seconds)', DELIVERED_RATE],
  order: [{ field: 'sum(cost)', dir: 'desc' }],
});

export const byStatusSpec = (ctx: DashboardContext): QuerySpec => ({
  ...ctx.base,
  dimensions: ['status'],
  measures: ['count'],
  order: [{ field: 'count', dir: 'desc' }],
});
