import type { RetentionResult } from '../../../src-shared/analyses';
import { runRetention } from '../../core/analyses/retention';
import { DATASET, JSON_FLAG, WORKSPACE, oneOf, positiveInt, required, str, withWorkspace, type Command } from '../command';
import { renderJson, renderTable } from '../format';

function retentionTable(r: RetentionResult): string {
  const periods = Array.from({ length: r.periods + 1 }, (_, i) => i);
  return renderTable({
    columns: [{ name: 'cohort', type: 'VARCHAR' }, { name: 'size', type: 'BIGINT' }, ...periods.map((p) => ({ name: `${r.interval} ${p} %`, type: 'DOUBLE' }))],
    data: [r.cohorts.map((c) => c.cohort), r.cohorts.map((c) => c.size), ...periods.map((p) => r.cohorts.map((c) => c.percentages[p] ?? null))],
    rowCount: r.cohorts.length,
  });
}

export const retentionCommand: Command = {
  name: 'retention',
  summary: 'cohort retention: who comes back in the periods after their start',
  usage: 'retention -w WS -d DATASET [--start EVENT] [--return EVENT] [--interval day|week|month] [--cohort first_time|recurring] [--periods N] [--by user|session] [--from ISO] [--to ISO] [--json]',
  options: {
    ...WORKSPACE, ...DATASET, ...JSON_FLAG,
    start: { type: 'string' }, return: { type: 'string' }, interval: { type: 'string' }, cohort: { type: 'string' },
    periods: { type: 'string' }, by: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
  },
  async run({ values, io }) {
    const dataset = required(values, 'dataset', '-d DATASET');
    const interval = oneOf(values, 'interval', ['day', 'week', 'month'] as const);
    const cohort = oneOf(values, 'cohort', ['first_time', 'recurring'] as const);
    const by = oneOf(values, 'by', ['session', 'user'] as const);
    const periods = positiveInt(values, 'periods', '--periods');
    const opt = (k: string) => str(values, k);
    const result = await withWorkspace(values, (ws) =>
      runRetention(ws, {
        dataset,
        ...(opt('start') ? { startEvent: opt('start')! } : {}), ...(opt('return') ? { returnEvent: opt('return')! } : {}),
        ...(interval ? { interval } : {}), ...(cohort ? { cohort } : {}), ...(by ? { by } : {}), ...(periods ? { periods } : {}),
        ...(opt('from') ? { from: opt('from')! } : {}), ...(opt('to') ? { to: opt('to')! } : {}),
      }),
    );
    io.out(values.json ? renderJson(result) : retentionTable(result));
    return 0;
  },
};
