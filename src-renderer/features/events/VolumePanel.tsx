/**
 * Volume over time by event name (stacked bars): the top event names in the window on their own,
 * the rest folded into "Other" (bucket total − the named ones). Three small aggregate queries:
 * the top names, their volume per bucket, and the total per bucket.
 */
import { useMemo, type ReactElement } from 'react';
import type { ColumnarResult } from '../../../src-shared/columnar';
import { column, columnarOf, numbers } from '../dashboards/columnar';
import { combine, dataOf } from '../dashboards/combine';
import { TimeSeriesPanel } from '../dashboards/TimeSeriesPanel';
import type { DashboardContext } from '../dashboards/useDashboard';
import type { Loaded } from '../dashboards/useEngine';
import { useSpec } from '../dashboards/useSpec';
import { TOP_EVENTS, topSpec, VOLUME_NAMES, volumeByNameSpec, volumeSpec } from './events-specs';

/** time, one column per named event, Other. */
function foldVolume(names: readonly string[], byName: ColumnarResult, total: ColumnarResult): ColumnarResult {
  const times = column(total, 'time').map(String);
  const totals = numbers(total, 'count');
  const key = (t: unknown, n: unknown) => `${String(t)}\u0000${String(n)}`;
  const counts = new Map(column(byName, 'time').map((t, i) => [key(t, column(byName, 'event_name')[i]), numbers(byName, 'count')[i] ?? 0]));
  const columns: Record<string, number[] | string[]> = { time: times };
  const named = times.map(() => 0);
  for (const n of names) {
    columns[n] = times.map((t, i) => {
      const c = counts.get(key(t, n)) ?? 0;
      named[i] = (named[i] ?? 0) + c;
      return c;
    });
  }
  const other = times.map((_, i) => Math.max(0, (totals[i] ?? 0) - (named[i] ?? 0)));
  if (other.some((v) => v > 0)) columns.Other = other;
  return columnarOf(columns);
}

export function useTopEvents(ctx: DashboardContext): Loaded<ColumnarResult> {
  return useSpec(ctx, topSpec(ctx, 'event_name', TOP_EVENTS));
}

export function VolumePanel({ ctx }: { ctx: DashboardContext }): ReactElement {
  const top = useTopEvents(ctx);
  const names = useMemo(() => (top.status === 'ready' ? column(top.data, 'event_name').slice(0, VOLUME_NAMES).map(String) : null), [top]);
  const byName = useSpec(ctx, names && names.length > 0 ? volumeByNameSpec(ctx, names) : null);
  const total = useSpec(ctx, volumeSpec(ctx));
  const state = useMemo(
    () => (names && names.length === 0 ? total : combine([top, byName, total], () => foldVolume(names ?? [], dataOf(byName), dataOf(total)))),
    [names, top, byName, total],
  );
  const measures = useMemo(() => (state.status === 'ready' ? state.data.columns.filter((c) => c.name !== 'time').map((c) => ({ measure: c.name, name: c.name })) : []), [state]);
  return <TimeSeriesPanel ctx={ctx} title="Volume by event" state={state} measures={measures} kind="bar" stack="volume" integer emptyText="No events in this range" />;
}
