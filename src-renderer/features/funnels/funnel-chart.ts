/**
 * The conversion chart: one bar per step with its count and % from step 1. Without a breakdown
 * the bar is stacked with the units lost since step 1 (faint); with one, grouped bars per
 * breakdown block. The chart's CSV holds the table under it.
 */
import type { ColumnarResult } from '../../../src-shared/columnar';
import type { ChartOption } from '../../components/EChart';
import { columnarOf } from '../dashboards/columnar';
import { formatInt, formatPercent } from '../dashboards/format';
import type { FunnelBlock } from './funnel-blocks';

export interface FunnelChart {
  readonly option: ChartOption;
  readonly data: ColumnarResult;
}

export const LOST_SERIES = 'Dropped off';

export function funnelChart(blocks: readonly FunnelBlock[], stepLabels: readonly string[], hasBreakdown: boolean): FunnelChart {
  const categories = stepLabels.map((l, i) => `${i + 1}. ${l}`);
  const label = {
    show: true,
    position: 'top',
    formatter: (p: { dataIndex: number; seriesIndex: number }) => {
      const s = blocks[hasBreakdown ? p.seriesIndex : 0]?.steps[p.dataIndex];
      if (!s) return '';
      // Grouped bars are narrow: the count only (the % is in the table and the tooltip).
      return hasBreakdown ? formatInt(s.count) : `${formatInt(s.count)} · ${formatPercent(s.conversion_from_start)}`;
    },
  };
  const series = hasBreakdown
    ? blocks.map((b) => ({ type: 'bar', name: b.label, data: b.steps.map((s) => s.count), label, barMaxWidth: 48 }))
    : [
        { type: 'bar', name: 'Converted', stack: 'all', data: blocks[0]?.steps.map((s) => s.count) ?? [], barMaxWidth: 90 },
        {
          type: 'bar',
          name: LOST_SERIES,
          stack: 'all',
          data: blocks[0]?.steps.map((s) => (blocks[0]?.steps[0]?.count ?? 0) - s.count) ?? [],
          itemStyle: { color: '#8a93a6', opacity: 0.3 },
          barMaxWidth: 90,
          label: { ...label, opacity: 1, formatter: (p: { dataIndex: number }) => label.formatter({ dataIndex: p.dataIndex, seriesIndex: 0 }) },
        },
      ];
  const option: ChartOption = {
    animationDuration: 300,
    grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, width: 160, overflow: 'truncate' } },
    yAxis: { type: 'value', minInterval: 1 },
    series,
  };
  const rows = blocks.flatMap((b) => b.steps.map((s) => ({ b, s })));
  const data = columnarOf({
    step: rows.map((r) => r.s.step),
    event: rows.map((r) => stepLabels[r.s.step - 1] ?? r.s.event_name),
    ...(hasBreakdown ? { breakdown: rows.map((r) => r.b.label) } : {}),
    count: rows.map((r) => r.s.count),
    conversion_from_start: rows.map((r) => r.s.conversion_from_start),
    conversion_from_previous: rows.map((r) => r.s.conversion_from_previous),
    median_seconds_to_convert: rows.map((r) => r.s.median_seconds_to_convert),
  });
  return { option, data };
}
