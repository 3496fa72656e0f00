/**
 * Cost by provider (pie) and provider performance (avg generation time, avg cost per job and
 * success rate side by side), both from one query spec by provider.
 */
import type { ReactElement } from 'react';
import type { ColumnarResult } from '../../../src-shared/columnar';
import { facetBars, pieChart } from '../dashboards/chart-options';
import { columnarOf, labels, numbers } from '../dashboards/columnar';
import { formatMoney, formatPercent, formatSeconds } from '../dashboards/format';
import { ChartPanel, type ChartView } from '../dashboards/Panel';
import type { DashboardContext } from '../dashboards/useDashboard';
import { useSpec } from '../dashboards/useSpec';
import { byProviderSpec, DELIVERED_RATE } from './jobs-specs';

const EMPTY = 'No jobs in this range';
const round2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

export function CostByProvider({ ctx }: { ctx: DashboardContext }): ReactElement {
  const state = useSpec(ctx, byProviderSpec(ctx));
  const view = (r: ColumnarResult): ChartView => {
    const providers = labels(r, 'provider');
    const cost = numbers(r, 'sum(cost)').map((v) => round2(v) ?? 0);
    return {
      option: pieChart({ names: providers, values: cost, valueFormatter: (v) => formatMoney(v, ctx.currency) }),
      data: columnarOf({ provider: providers, total_cost: cost }),
      empty: r.rowCount === 0,
    };
  };
  return <ChartPanel title="Cost by provider" state={state} view={view} deps={[ctx.currency]} emptyText={EMPTY} />;
}

export function ProviderPerformance({ ctx }: { ctx: DashboardContext }): ReactElement {
  const state = useSpec(ctx, byProviderSpec(ctx));
  const view = (r: ColumnarResult): ChartView => {
    const providers = labels(r, 'provider');
    const jobs = numbers(r, 'count');
    const avgSeconds = numbers(r, 'avg(generation_seconds)').map(round2);
    // As the seed's avg_cost_per_job: the group's total cost over its job count.
    const avgCost = numbers(r, 'sum(cost)').map((c, i) => round2((c ?? 0) / (jobs[i] || 1)));
    const success = numbers(r, DELIVERED_RATE).map((v) => round2(v === null ? null : v * 100));
    return {
      option: facetBars(providers, [
        { title: 'Avg generation time', values: avgSeconds, valueFormatter: formatSeconds },
        { title: `Avg cost per job`, values: avgCost, valueFormatter: (v) => formatMoney(v, ctx.currency) },
        { title: 'Success rate', values: success, valueFormatter: formatPercent },
      ]),
      data: columnarOf({ provider: providers, avg_seconds: avgSeconds, avg_cost_per_job: avgCost, success_rate: success, job_count: jobs }),
      empty: r.rowCount === 0,
    };
  };
  return <ChartPanel title="Provider performance" state={state} view={view} deps={[ctx.currency]} emptyText={EMPTY} />;
}
