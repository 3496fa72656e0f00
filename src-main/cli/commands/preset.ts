import { UserError } from '../../../src-shared/errors';
import { INTERVALS, JOB_PRESETS, type JobPresetName } from '../../../src-shared/presets';
import { runJobPreset } from '../../core/analyses/job-presets';
import { DATASET, WORKSPACE, oneOf, positiveInt, required, str, withWorkspace, type Command } from '../command';
import { renderJson } from '../format';

export const presetCommand: Command = {
  name: 'preset',
  summary: 'print a seed 002 jobs report: overview, cost-breakdown, performance or time-series',
  usage: 'preset -w WS -d DATASET overview|cost-breakdown|performance|time-series [--days N] [--interval day|week|month] [--now ISO8601]',
  options: { ...WORKSPACE, ...DATASET, days: { type: 'string' }, interval: { type: 'string' }, now: { type: 'string' } },
  async run({ values, positionals, io }) {
    const preset = positionals[0];
    if (!preset || !(JOB_PRESETS as readonly string[]).includes(preset)) {
      throw new UserError('bad_request', preset ? `unknown preset "${preset}"` : 'missing the preset name', `use one of ${JOB_PRESETS.join(', ')}`);
    }
    const dataset = required(values, 'dataset', '-d DATASET');
    const days = positiveInt(values, 'days', '--days');
    const interval = oneOf(values, 'interval', INTERVALS);
    const now = str(values, 'now');
    const result = await withWorkspace(values, (ws) =>
      runJobPreset(ws, { dataset, preset: preset as JobPresetName, ...(days ? { days } : {}), ...(interval ? { interval } : {}), ...(now ? { now } : {}) }),
    );
    io.out(renderJson(result));
    return 0;
  },
};
