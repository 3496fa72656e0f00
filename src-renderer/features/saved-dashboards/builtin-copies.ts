/**
 * Views equivalent to the built-in Jobs and Events dashboards' main charts, for "Copy the
 * built-in dashboard": each becomes a saved view, and a saved dashboard lays them out.
 */
import type { DatasetInfo } from '../../../src-shared/datasets';
import type { ChartType, ViewBody } from '../../../src-shared/saved';

export interface BuiltinView {
  readonly name: string;
  readonly body: ViewBody;
  /** Columns of 12. */
  readonly w: number;
}

export type BuiltinKind = 'jobs' | 'events';

const RANGE = { last: '30d' } as const;
const DAILY = { grain: 'day', ...RANGE } as const;

const view = (name: string, chart: ChartType, w: number, spec: ViewBody['spec']): BuiltinView => ({ name, body: { spec, chart }, w });

export function jobsViews(dataset: string): BuiltinView[] {
  return [
    view('Jobs over time', 'bar', 6, { dataset, measures: ['count'], time: DAILY }),
    view('Cost by provider', 'bar', 6, { dataset, measures: ['sum(cost)'], dimensions: ['provider'], time: RANGE }),
    view('Success rate trend', 'line', 6, { dataset, measures: ['rate(status = delivered)'], time: DAILY }),
    view('Status distribution', 'pie', 6, { dataset, measures: ['count'], dimensions: ['status'], time: RANGE }),
    view('Provider performance', 'table', 12, {
      dataset, measures: ['count', 'sum(cost)', 'avg(generation_seconds)', 'p95(generation_seconds)', 'rate(status = delivered)'], dimensions: ['provider'], time: RANGE,
    }),
  ];
}

export function eventsViews(info: DatasetInfo): BuiltinView[] {
  const dataset = info.name;
  const has = (c: string) => info.columns.some((col) => col.name === c);
  return [
    view('Volume by event', 'stacked-bar', 12, { dataset, measures: ['count'], dimensions: ['event_name'], time: DAILY, topN: { n: 8 } }),
    view('Top events', 'bar', 6, { dataset, measures: ['count'], dimensions: ['event_name'], time: RANGE, order: [{ field: 'count', dir: 'desc' }], limit: 10 }),
    ...(has('user_id') ? [view('Daily active users', 'line', 6, { dataset, measures: ['count_distinct(user_id)'], time: DAILY })] : []),
  ];
}

/** The dataset of the kind (the one named after it first), and the views copying its built-in dashboard. */
export function builtinViews(kind: BuiltinKind, datasets: readonly DatasetInfo[]): { dataset: DatasetInfo; views: BuiltinView[] } | null {
  const dataset = datasets.find((d) => d.kind === kind && d.name === kind) ?? datasets.find((d) => d.kind === kind);
  if (!dataset) return null;
  return { dataset, views: kind === 'jobs' ? jobsViews(dataset.name) : eventsViews(dataset) };
}
