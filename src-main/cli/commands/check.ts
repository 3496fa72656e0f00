import { checkParity } from '../../core/analyses/rollups';
import { DATASET, JSON_FLAG, WORKSPACE, str, withWorkspace, type Command } from '../command';
import { renderJson } from '../format';

export const checkCommand: Command = {
  name: 'check',
  summary: 'recompute rollups from raw rows and report any mismatch (exit 1 if any)',
  usage: 'check -w WS [-d DATASET] [--json]',
  options: { ...WORKSPACE, ...DATASET, ...JSON_FLAG },
  async run({ values, io }) {
    const dataset = str(values, 'dataset');
    const result = await withWorkspace(values, (ws) => checkParity(ws, dataset));
    if (values.json) io.out(renderJson(result));
    else {
      for (const d of result.datasets) io.out(`${d.dataset}: ${d.buckets_checked} buckets checked, ${d.mismatches} mismatch${d.mismatches === 1 ? '' : 'es'}\n`);
      for (const m of result.mismatches.slice(0, 50)) {
        io.out(`  ${m.dataset} ${m.grain} ${m.bucket} ${m.event_name}: rollup ${m.rollup_count}, raw ${m.raw_count}\n`);
      }
      if (result.mismatches.length > 50) io.out(`  … ${result.mismatches.length - 50} more\n`);
      io.out(result.ok ? 'OK: rollups match raw rows\n' : 'MISMATCH: rollups differ from raw rows\n');
    }
    return result.ok ? 0 : 1;
  },
};
