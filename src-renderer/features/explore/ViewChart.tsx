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
import { Empty } from '../../components/States';
import { formatNumber } from '../dashboards/format';
import { ColumnarTable } from '../import/ColumnarTable';
import { column, roundedForDisplay, viewOption } from './view-chart';

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

export function ViewChart({ title, spec, chart, result, height = 300 }: ViewChartProps): ReactElement {
  const built = useMemo(() => (chart === 'table' || chart === 'number' ? null : viewOption(result, spec, chart)), [result, spec, chart]);
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
  return <EChart title={title} option={built.option} data={result} height={height} />;
}
