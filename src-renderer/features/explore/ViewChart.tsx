/**
 * A query result drawn as a saved view's chart type: a chart through EChart, a table (with
 * CSV/JSON/Parquet export of the full result), or a big number. Explore and every saved
 * dashboard panel draw through this one component.
 */
import { useMemo, type ReactElement } from 'react';
import type { ColumnarResult } from '../../../src-shared/columnar';
import type { QuerySpec } from '../../../src-shared/query-spec';
import type { ChartType } from '../../../src-shared/saved';
import { EChart } from '../../components/EChart';
import { ExportButtons } from '../../components/ExportButtons';
import { Empty, ErrorState, Loading } from '../../components/States';
import { formatNumber } from '../dashboards/format';
import { ColumnarTable } from '../import/ColumnarTable';
import { useViewResult } from './use-view-result';
import { column, roundedForDisplay, viewOption } from './view-chart';

/**
 * Buckets a chart over time draws at most: a longer series (a month of minutes) is thinned by
 * the engine to the buckets holding each run's lowest and highest values, so peaks survive and
 * the browser draws 2,000 points instead of 40,000. The table shows every bucket.
 */
export const CHART_POINTS = 2000;

/** The spec a time chart draws from when its result has more buckets than it can show, else null. */
function thinnedSpec(spec: QuerySpec, chart: ChartType, result: ColumnarResult): QuerySpec | null {
  const drawn = chart !== 'table' && chart !== 'number' && spec.time?.grain !== undefined;
  return drawn && result.rowCount > CHART_POINTS ? { ...spec, maxPoints: CHART_POINTS } : null;
}

export interface ViewChartProps {
  readonly title: string;
  readonly spec: QuerySpec;
  readonly chart: ChartType;
  readonly result: ColumnarResult;
  readonly height?: number;
}

function BigNumber({ title, spec, result }: Omit<ViewChartProps, 'chart'>): ReactElement {
  const m = spec.measures[0]!;
  const value = column(result, m)[0];
  const change = spec.compare ? column(result, `${m} (change %)`)[0] : undefined;
  return (
    <figure className="chart explore-number" aria-label={title}>
      <figcaption><span className="chart-title">{title}</span></figcaption>
      <div className="explore-number-value" data-testid="big-number">{typeof value === 'number' ? formatNumber(value) : String(value ?? '—')}</div>
      <div className="muted">{m}{typeof change === 'number' ? ` · ${change > 0 ? '+' : ''}${formatNumber(change)}% vs previous period` : ''}</div>
    </figure>
  );
}

export function ViewChart({ title, spec, chart, result: full, height = 300 }: ViewChartProps): ReactElement {
  const thin = useMemo(() => thinnedSpec(spec, chart, full), [spec, chart, full]);
  const thinned = useViewResult(thin);
  const result = thin !== null && thinned.status === 'ready' ? thinned.data : full;
  const built = useMemo(() => (chart === 'table' || chart === 'number' ? null : viewOption(result, spec, chart)), [result, spec, chart]);
  if (thin !== null && thinned.status === 'loading') return <Loading label={`Thinning ${full.rowCount.toLocaleString('en-US')} buckets for the chart…`} />;
  if (thin !== null && thinned.status === 'error') return <ErrorState error={thinned.error} onRetry={thinned.retry} />;
  if (result.rowCount === 0) return <Empty title="No rows match">Widen the time range or remove a filter.</Empty>;
  if (chart === 'number') return <BigNumber title={title} spec={spec} result={result} />;
  if (chart === 'table' || !built) {
    return (
      <figure className="chart explore-table" aria-label={title}>
        <figcaption>
          <span className="chart-title">{title}</span>
          <ExportButtons what={title} source={{ spec }} />
        </figcaption>
        <div style={{ maxHeight: height, overflow: 'auto' }}>
          <ColumnarTable result={roundedForDisplay(result)} label={title} />
        </div>
      </figure>
    );
  }
  const chartOf = <EChart title={title} option={built.option} data={full} height={height} />;
  // Many short series (a long result, but no series past maxPoints) come back whole.
  if (result.rowCount === full.rowCount) return chartOf;
  return (
    <>
      {chartOf}
      <p className="muted chart-note" data-testid="thinned-note">
        Drawn from {result.rowCount.toLocaleString('en-US')} of {full.rowCount.toLocaleString('en-US')} buckets: each run's lowest and highest. The table and CSV hold every bucket.
      </p>
    </>
  );
}
