/** The query specs behind the events dashboard; all take the filter bar's window and filters. */
import type { DatasetInfo } from '../../../src-shared/datasets';
import type { Filter, QuerySpec } from '../../../src-shared/query-spec';
import type { DashboardContext } from '../dashboards/useDashboard';
import { compareOf, timeWithGrain } from '../dashboards/useSpec';

/** Event names drawn on their own in the volume chart; the rest are "Other". */
export const VOLUME_NAMES = 8;
export const TOP_EVENTS = 10;
export const TOP_ENTITIES = 10;

export const hasColumn = (info: DatasetInfo, name: string): boolean => info.columns.some((c) => c.name === name);

/** Count, users and sessions (when the dataset has those columns), with the previous period. */
export function eventKpiMeasures(info: DatasetInfo): string[] {
  return ['count', ...['user_id', 'session_id'].filter((c) => hasColumn(info, c)).map((c) => `count_distinct(${c})`)];
}

export const eventKpiSpec = (ctx: DashboardContext): QuerySpec => ({ ...ctx.base, measures: eventKpiMeasures(ctx.info), ...compareOf(ctx) });

/** The bar's filters, plus "field is not null" (entities: events without one are not an entity). */
const withValue = (ctx: DashboardContext, field: string): Filter[] => [...(ctx.base.filters ?? []), { field, op: 'is not null' }];

/** Events in the window that have a value of the field (for the "Other" share of top entities). */
export const withValueSpec = (ctx: DashboardContext, field: string): QuerySpec => ({ ...ctx.base, measures: ['count'], filters: withValue(ctx, field) });

/** The most frequent values of a field in the window (nulls left out). */
export const topSpec = (ctx: DashboardContext, field: string, limit: number): QuerySpec => ({
  ...ctx.base,
  dimensions: [field],
  measures: ['count'],
  filters: withValue(ctx, field),
  order: [{ field: 'count', dir: 'desc' }],
  limit,
});

/** Volume per bucket of the given event names. */
export const volumeByNameSpec = (ctx: DashboardContext, names: readonly string[]): QuerySpec => ({
  ...ctx.base,
  time: timeWithGrain(ctx),
  dimensions: ['event_name'],
  measures: ['count'],
  filters: [...(ctx.base.filters ?? []), { field: 'event_name', op: 'in', value: [...names] }],
});

/** Volume per bucket, all events. */
export const volumeSpec = (ctx: DashboardContext): QuerySpec => ({ ...ctx.base, time: timeWithGrain(ctx), measures: ['count'] });

export const PERCENTILES = ['p50', 'p95', 'p99'] as const;

export const latencySpec = (ctx: DashboardContext, field: string): QuerySpec => ({
  ...ctx.base,
  time: timeWithGrain(ctx),
  measures: PERCENTILES.map((p) => `${p}(${field})`),
});
