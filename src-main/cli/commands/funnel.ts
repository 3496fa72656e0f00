import type { FunnelStepResult } from '../../../src-shared/analyses';
import { FUNNEL_MODES } from '../../../src-shared/analyses';
import { UserError } from '../../../src-shared/errors';
import { runFunnel } from '../../core/analyses/funnel';
import { DATASET, JSON_FLAG, WORKSPACE, oneOf, parseDuration, required, str, withWorkspace, type Command } from '../command';
import { renderJson, renderTable } from '../format';

function funnelTable(steps: readonly FunnelStepResult[]): string {
  const hasBreakdown = steps.some((s) => s.breakdown !== undefined);
  const cols = [
    ...(hasBreakdown ? [{ name: 'breakdown', type: 'VARCHAR', get: (s: FunnelStepResult) => s.breakdown ?? null }] : []),
    { name: 'step', type: 'BIGINT', get: (s: FunnelStepResult) => s.step },
    { name: 'event_name', type: 'VARCHAR', get: (s: FunnelStepResult) => s.event_name },
    { name: 'count', type: 'BIGINT', get: (s: FunnelStepResult) => s.count },
    { name: 'from start %', type: 'DOUBLE', get: (s: FunnelStepResult) => s.conversion_from_start },
    { name: 'from previous %', type: 'DOUBLE', get: (s: FunnelStepResult) => s.conversion_from_previous },
    { name: 'median s to convert', type: 'DOUBLE', get: (s: FunnelStepResult) => s.median_seconds_to_convert },
  ];
  return renderTable({
    columns: cols.map(({ name, type }) => ({ name, type })),
    data: cols.map((c) => steps.map((s) => c.get(s))),
    rowCount: steps.length,
  });
}

export const funnelCommand: Command = {
  name: 'funnel',
  summary: 'conversion through a sequence of events, per session or user',
  usage: 'funnel -w WS -d DATASET --steps a,b,c [--window 30m|2h|14d] [--by session|user] [--mode sequential|strict|any] [--from ISO] [--to ISO] [--breakdown FIELD] [--json]',
  options: {
    ...WORKSPACE, ...DATASET, ...JSON_FLAG,
    steps: { type: 'string' }, window: { type: 'string' }, by: { type: 'string' }, mode: { type: 'string' },
    from: { type: 'string' }, to: { type: 'string' }, breakdown: { type: 'string' },
  },
  async run({ values, io }) {
    const dataset = required(values, 'dataset', '-d DATASET');
    const steps = required(values, 'steps', '--steps a,b,c').split(',').map((s) => s.trim()).filter(Boolean);
    if (steps.length < 2) throw new UserError('bad_request', '--steps needs at least two event names, separated by commas');
    const window = str(values, 'window');
    const by = oneOf(values, 'by', ['session', 'user'] as const);
    const mode = oneOf(values, 'mode', FUNNEL_MODES);
    const from = str(values, 'from');
    const to = str(values, 'to');
    const breakdown = str(values, 'breakdown');
    const result = await withWorkspace(values, (ws) =>
      runFunnel(ws, {
        dataset, steps,
        ...(window ? { windowSeconds: parseDuration(window, '--window') } : {}),
        ...(by ? { by } : {}), ...(mode ? { mode } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(breakdown ? { breakdown } : {}),
      }),
    );
    io.out(values.json ? renderJson(result) : funnelTable(result));
    return 0;
  },
};
