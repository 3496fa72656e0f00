/**
 * The report `tallybook report -w WS -o x.html` writes when given no definition: per jobs
 * dataset KPIs (jobs, total cost, delivered rate), jobs per day, cost by provider and a provider
 * table; per events dataset events per day by name (top 8 + Other) and the top events.
 */
import type { QuerySpec } from '../../../src-shared/query-spec';
import type { ReportBlock, ReportDefinition } from '../../../src-shared/reports';
import type { Workspace } from '../workspace';

function jobsBlocks(dataset: string): ReportBlock[] {
  const spec = (s: Omit<QuerySpec, 'dataset'>): QuerySpec => ({ dataset, ...s });
  return [
    { type: 'text', markdown: `## Jobs — \`${dataset}\`` },
    { type: 'kpi', title: 'Jobs', spec: spec({ measures: ['count'] }) },
    { type: 'kpi', title: 'Total cost', spec: spec({ measures: ['sum(cost)'] }) },
    { type: 'kpi', title: 'Delivered rate', spec: spec({ measures: ['rate(status = delivered)'] }) },
    { type: 'chart', title: 'Jobs per day', chart: 'line', spec: spec({ measures: ['count'], time: { grain: 'day' } }) },
    { type: 'chart', title: 'Cost by provider', chart: 'pie', spec: spec({ measures: ['sum(cost)'], dimensions: ['provider'] }) },
    {
      type: 'table', title: 'Providers',
      spec: spec({ measures: ['count', 'sum(cost)', 'rate(status = delivered)', 'p95(generation_seconds)'], dimensions: ['provider'], order: [{ field: 'count', dir: 'desc' }] }),
    },
  ];
}

function eventsBlocks(dataset: string): ReportBlock[] {
  return [
    { type: 'text', markdown: `## Events — \`${dataset}\`` },
    { type: 'chart', title: 'Events per day by name (top 8)', chart: 'stacked-bar', spec: { dataset, measures: ['count'], dimensions: ['event_name'], time: { grain: 'day' }, topN: { n: 8 } } },
    { type: 'table', title: 'Top events', spec: { dataset, measures: ['count', 'count_distinct(session_id)'], dimensions: ['event_name'], order: [{ field: 'count', dir: 'desc' }], limit: 20 } },
  ];
}

export async function defaultReport(ws: Workspace): Promise<ReportDefinition> {
  const datasets = await ws.datasets();
  const blocks = datasets.flatMap((d) => (d.kind === 'jobs' ? jobsBlocks(d.name) : d.kind === 'events' ? eventsBlocks(d.name) : []));
  if (blocks.length === 0) blocks.push({ type: 'text', markdown: 'This workspace has no jobs or events datasets yet: import some files first.' });
  return { title: 'Workspace report', blocks };
}
