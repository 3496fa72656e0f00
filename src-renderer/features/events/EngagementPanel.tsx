/** DAU / WAU / MAU per day (api.engagement) over the bar's window; it counts users, so dimension filters do not apply. */
import type { ReactElement } from 'react';
import type { ColumnarResult } from '../../../src-shared/columnar';
import { api } from '../../api/client';
import { timeChart } from '../dashboards/chart-options';
import { column, columnarOf, numbers } from '../dashboards/columnar';
import { ChartPanel, type ChartView } from '../dashboards/Panel';
import type { DashboardContext } from '../dashboards/useDashboard';
import { keyOf, useEngine } from '../dashboards/useEngine';

const SERIES = [
  { column: 'dau', name: 'DAU' },
  { column: 'wau', name: 'WAU' },
  { column: 'mau', name: 'MAU' },
] as const;

export function EngagementPanel({ ctx }: { ctx: DashboardContext }): ReactElement {
  const { info, window } = ctx;
  const state = useEngine(keyOf('engagement', info.name, info.version, window), () => api.engagement({ dataset: info.name, ...window }));
  const view = (r: ColumnarResult): ChartView => {
    const days = column(r, 'day').map(String);
    const series = SERIES.map((s) => ({ name: s.name, data: numbers(r, s.column) }));
    return {
      option: timeChart({ times: days, grain: 'day', series, integer: true }),
      data: columnarOf({ day: days, ...Object.fromEntries(series.map((s) => [s.name, s.data])) }),
      empty: !numbers(r, 'mau').some((v) => (v ?? 0) > 0),
    };
  };
  const note = ctx.filters.filters.length > 0 ? 'Dimension filters do not apply to DAU / WAU / MAU.' : undefined;
  return <ChartPanel title="DAU / WAU / MAU" state={state} view={view} emptyText="No users in this range" emptyDetail="DAU / WAU / MAU count events with a user_id." note={note} />;
}
