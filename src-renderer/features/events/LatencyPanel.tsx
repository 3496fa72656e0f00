/** Latency percentiles p50 / p95 / p99 of a chosen numeric field, by the bar's grain. */
import { useMemo, useState, type ReactElement } from 'react';
import { Empty, ErrorState, Loading } from '../../components/States';
import { formatNumber } from '../dashboards/format';
import { PanelFrame, StateCard } from '../dashboards/Panel';
import { TimeSeriesPanel, type PlottedMeasure } from '../dashboards/TimeSeriesPanel';
import type { DashboardContext } from '../dashboards/useDashboard';
import { useSpec } from '../dashboards/useSpec';
import { latencySpec, PERCENTILES } from './events-specs';
import { defaultLatencyField, useNumericFields } from './useNumericFields';
import { ChoiceSelect } from '../../components/ChoiceSelect';

function Percentiles({ ctx, fields }: { ctx: DashboardContext; fields: readonly string[] }): ReactElement {
  const [chosen, setChosen] = useState<string | null>(null);
  const field = chosen !== null && fields.includes(chosen) ? chosen : (defaultLatencyField(fields) ?? '');
  const state = useSpec(ctx, latencySpec(ctx, field));
  const measures: PlottedMeasure[] = useMemo(() => PERCENTILES.map((p) => ({ measure: `${p}(${field})`, name: p })), [field]);
  const controls = (
    <label className="filter-group">
      <span className="filter-label">Field</span>
      <ChoiceSelect value={field} choices={fields} onChange={setChosen} ariaLabel="Latency field" />
    </label>
  );
  return <TimeSeriesPanel ctx={ctx} title={`Latency percentiles of ${field}`} state={state} measures={measures} valueFormatter={formatNumber} emptyText={`No ${field} values in this range`} controls={controls} />;
}

export function LatencyPanel({ ctx }: { ctx: DashboardContext }): ReactElement {
  const fields = useNumericFields(ctx.info);
  if (fields.status === 'ready' && fields.data.length > 0) return <Percentiles ctx={ctx} fields={fields.data} />;
  const title = 'Latency percentiles';
  return (
    <PanelFrame title={title}>
      <StateCard title={title}>
        {fields.status === 'loading' ? <Loading label="Finding numeric fields…" /> : fields.status === 'error' ? <ErrorState error={fields.error} onRetry={fields.retry} /> : <Empty title="No numeric fields in this dataset" />}
      </StateCard>
    </PanelFrame>
  );
}
