/** The conversion chart of a funnel result (funnel-chart.ts): on the Funnels screen and on saved dashboards. */
import { useMemo, type ReactElement } from 'react';
import type { FunnelStepResult } from '../../../src-shared/analyses';
import { EChart, type EChartProps } from '../../components/EChart';
import { funnelBlocks } from './funnel-blocks';
import { funnelChart } from './funnel-chart';

export interface FunnelChartProps {
  readonly title: string;
  readonly result: readonly FunnelStepResult[];
  readonly stepLabels: readonly string[];
  readonly hasBreakdown: boolean;
  readonly height?: number;
  readonly onClick?: EChartProps['onClick'];
}

export function FunnelChart({ title, result, stepLabels, hasBreakdown, height, onClick }: FunnelChartProps): ReactElement {
  const blocks = useMemo(() => funnelBlocks(result, hasBreakdown), [result, hasBreakdown]);
  const chart = useMemo(() => funnelChart(blocks, stepLabels, hasBreakdown), [blocks, stepLabels, hasBreakdown]);
  return <EChart title={title} option={chart.option} data={chart.data} height={height} onClick={onClick} />;
}
