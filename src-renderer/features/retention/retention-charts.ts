/** Chart options of the Retention screen: the retention curve and the engagement series. */
import type { ColumnarResult } from '../../../src-shared/columnar';
import type { ChartOption } from '../../components/EChart';
import { timeChart } from '../dashboards/chart-options';
import { column, columnarOf, numbers } from '../dashboards/columnar';
import { formatPercent } from '../dashboards/format';
import type { CurvePoint } from './retention-model';

export interface View {
  readonly option: ChartOption;
  readonly data: ColumnarResult;
}

export function curveView(points: readonly CurvePoint[], interval: string): View {
  return {
    option: {
      animationDuration: 300,
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatPercent(v) : '—') },
      xAxis: { type: 'category', data: points.map((p) => `${interval} ${p.period}`) },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: (v: number) => `${v}%` } },
      series: [{ type: 'line', name: 'Retained', data: points.map((p) => p.percent), areaStyle: { opacity: 0.2 }, label: { show: points.length <= 16, formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? formatPercent(p.value) : '') } }],
    },
    data: columnarOf({ period: points.map((p) => p.period), retained: points.map((p) => p.retained), cohort_size: points.map((p) => p.size), percent: points.map((p) => p.percent) }),
  };
}

const ACTIVE = [
  { column: 'dau', name: 'DAU' },
  { column: 'wau', name: 'WAU' },
  { column: 'mau', name: 'MAU' },
] as const;

export function activeUsersView(r: ColumnarResult): View {
  const days = column(r, 'day').map(String);
  const series = ACTIVE.map((s) => ({ name: s.name, data: numbers(r, s.column) }));
  return {
    option: timeChart({ times: days, grain: 'day', series, integer: true }),
    data: columnarOf({ day: days, ...Object.fromEntries(series.map((s) => [s.name, s.data])) }),
  };
}

export function stickinessView(r: ColumnarResult): View {
  const days = column(r, 'day').map(String);
  const data = numbers(r, 'stickiness');
  return {
    option: timeChart({ times: days, grain: 'day', series: [{ name: 'DAU / MAU', data, kind: 'area' }], valueFormatter: formatPercent }),
    data: columnarOf({ day: days, stickiness: data }),
  };
}
