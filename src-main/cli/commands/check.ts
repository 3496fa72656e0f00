import { checkWorkspace } from '../../core/analyses/check';
import { DATASET, JSON_FLAG, WORKSPACE, str, withWorkspace, type Command } from '../command';
import { renderJson } from '../format';

export const checkCommand: Command = {
  name: 'check',
  summary: 'recompute rollups and hourly cubes from raw rows and report any mismatch (exit 1 if any)',
  usage: 'check -w WS [-d DATASET] [--json]',
  options: { ...WORKSPACE, ...DATASET, ...JSON_FLAG },
  async run({ values, io }) {
    const dataset = str(values, 'dataset');
    const result = await withWorkspace(values, (ws) => checkWorkspace(ws, dataset));
    if (values.json) io.out(renderJson(result));
    else {
      for (const d of result.datasets) io.out(`${d.dataset}: ${d.buckets_checked} buckets checked, ${d.mismatches} mismatch${d.mismatches === 1 ? '' : 'es'}\n`);
      for (const m of result.mismatches.slice(0, 50)) {
        io.out(`  ${m.dataset} ${m.grain} ${m.bucket} ${m.event_name}: rollup ${m.rollup_count}, raw ${m.raw_count}\n`);
      }
      if (result.mismatches.length > 50) io.out(`  … ${result.mismatches.length - 50} more\n`);
      for (const c of result.cubes ?? []) {
        io.out(c.stale ? `${c.dataset}: cubes stale (queries read the raw rows until the next import)\n` : `${c.dataset} ${c.cube}: ${c.rows_checked} rows checked, ${c.mismatches} mismatch${c.mismatches === 1 ? '' : 'es'}\n`);
      }
      io.out(result.ok ? 'OK: rollups and cubes match raw rows\n' : 'MISMATCH: rollups or cubes differ from raw rows\n');
    }
    return result.ok ? 0 : 1;
  },
};
