/**
 * For a metrics dataset (seed 000 snapshots): the series of a chosen metric by the bar's grain
 * (api.metricSeries) with an alert rule drawn as a threshold line and its breaches
 * (api.thresholds) marked on the chart.
 */
import { useMemo, useState, type ReactElement } from 'react';
import type { ColumnarResult } from '../../../src-shared/columnar';
import type { ThresholdBreach } from '../../../src-shared/analyses';
import { api } from '../../api/client';
import { Empty, ErrorState, Loading } from '../../components/States';
import { timeChart } from '../dashboards/chart-options';
import { column, columnarOf, numbers } from '../dashboards/columnar';
import { combine, dataOf } from '../dashboards/combine';
import { formatBucket, formatNumber } from '../dashboards/format';
import { ChartPanel, PanelFrame, StateCard, type ChartView } from '../dashboards/Panel';
import type { DashboardContext } from '../dashboards/useDashboard';
import { keyOf, useEngine } from '../dashboards/useEngine';
import { useSpec } from '../dashboards/useSpec';
import { ChoiceSelect } from '../../components/ChoiceSelect';

const RULE_OPS = ['<', '<=', '>', '>='] as const;
type RuleOp = (typeof RULE_OPS)[number];
/** Seed 000's alert: the planner resolves less than 80% of cases. */
const SEED_RULE = { metric: 'planner.resolution_rate', op: '<' as RuleOp, value: '0.8' };

function MetricChart({ ctx, metrics }: { ctx: DashboardContext; metrics: readonly string[] }): ReactElement {
  const { info, window, grain } = ctx;
  const [chosen, setChosen] = useState<string | null>(null);
  const metric = chosen !== null && metrics.includes(chosen) ? chosen : metrics.includes(SEED_RULE.metric) ? SEED_RULE.metric : (metrics[0] ?? '');
  const [op, setOp] = useState<RuleOp>(SEED_RULE.op);
  const [threshold, setThreshold] = useState(SEED_RULE.value);
  const limit = threshold.trim() === '' ? null : Number(threshold);
  const rule = limit !== null && Number.isFinite(limit) ? `${metric} ${op} ${limit}` : null;
  const series = useEngine(keyOf('metric-series', info.name, info.version, metric, grain, window), () => api.metricSeries({ dataset: info.name, metrics: [metric], grain, ...window }));
  const breaches = useEngine(keyOf('thresholds', info.name, info.version, rule), (): Promise<ThresholdBreach[]> => (rule ? api.thresholds({ dataset: info.name, rules: [rule] }) : Promise.resolve([])));
  const state = useMemo(() => combine([series, breaches], () => ({ r: dataOf(series), breaches: dataOf(breaches) })), [series, breaches]);
  const view = ({ r, breaches: found }: { r: ColumnarResult; breaches: ThresholdBreach[] }): ChartView => {
    const times = column(r, 'time').map(String);
    const values = numbers(r, 'value');
    const inWindow = found.filter((b) => (!window.from || b.ts >= window.from) && (!window.to || b.ts < window.to));
    const option = timeChart({ times, grain, series: [{ name: metric, data: values }], valueFormatter: formatNumber });
    const first = (option.series as Record<string, unknown>[])[0];
    if (first && limit !== null && rule) {
      first.markLine = { symbol: 'none', lineStyle: { color: '#d64545', type: 'dashed' }, label: { formatter: `alert: ${op} ${limit}` }, data: [{ yAxis: limit }] };
      // Breaches are raw snapshots; they are marked at their bucket when it is on the chart.
      first.markPoint = {
        symbol: 'circle',
        symbolSize: 9,
        itemStyle: { color: '#d64545' },
        label: { show: false },
        data: inWindow.map((b) => ({ coord: [formatBucket(bucketOfBreach(b.ts, times), grain), b.value], name: b.ts })).filter((p) => p.coord[0] !== ''),
      };
    }
    return { option, data: columnarOf({ time: times, [metric]: values }), empty: r.rowCount === 0 };
  };
  const controls = (
    <>
      <label className="filter-group">
        <span className="filter-label">Metric</span>
        <ChoiceSelect value={metric} choices={metrics} onChange={setChosen} ariaLabel="Metric" />
      </label>
      <label className="filter-group">
        <span className="filter-label">Alert when</span>
        <ChoiceSelect value={op} choices={RULE_OPS} onChange={setOp} ariaLabel="Alert operator" />
        <input className="threshold-input" value={threshold} onChange={(e) => setThreshold(e.target.value)} aria-label="Alert threshold" placeholder="none" />
      </label>
    </>
  );
  const note = rule && state.status === 'ready' ? `${state.data.breaches.length} snapshot(s) break ${rule}` : undefined;
  return <ChartPanel title={`Metric ${metric}`} state={state} view={view} deps={[metric, limit, op, grain]} emptyText="No snapshots in this range" controls={controls} note={note} wide />;
}

/** The bucket (as shown on the axis) holding a breach: the last bucket start at or before it. */
function bucketOfBreach(ts: string, times: readonly string[]): string {
  let found = '';
  for (const t of times) if (t <= ts) found = t;
  return found;
}

export function MetricsPanels({ ctx }: { ctx: DashboardContext }): ReactElement {
  const metrics = useSpec(ctx, { dataset: ctx.info.name, dimensions: ['metric'], measures: ['count'], order: [{ field: 'metric' }] });
  if (metrics.status === 'ready' && metrics.data.rowCount > 0) return <MetricChart ctx={ctx} metrics={column(metrics.data, 'metric').map(String)} />;
  return (
    <PanelFrame title="Metrics" wide>
      <StateCard title="Metrics">
        {metrics.status === 'loading' ? <Loading /> : metrics.status === 'error' ? <ErrorState error={metrics.error} onRetry={metrics.retry} /> : <Empty title="No metrics in this dataset" />}
      </StateCard>
    </PanelFrame>
  );
}
