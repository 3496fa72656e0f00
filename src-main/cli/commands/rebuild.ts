/**
 * tallybook rebuild: a new workspace from the recorded sources of a damaged (or lost) one. Lists
 * every source that changed or vanished; exits 1 when the rebuild is not complete.
 */
import { rebuildWorkspace, type RebuildResult } from '../../core/recovery/rebuild';
import { JSON_FLAG, WORKSPACE, required, str, type Command } from '../command';
import { renderJson } from '../format';
import { progressBar } from '../progress-bar';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function describeRebuild(r: RebuildResult): string {
  const lines = [`Rebuilt ${r.workspace} from ${plural(r.history.imports, 'import')} recorded in ${r.history.from} (${r.history.via}):`];
  for (const [i, imp] of r.imports.entries()) {
    const what = imp.error ?? (imp.files_imported === 0 ? 'skipped: none of its files is as recorded' : `${imp.rows_imported} rows imported`);
    lines.push(`  ${String(i + 1).padStart(3)}. ${imp.dataset.padEnd(12)} ${imp.kind.padEnd(7)} ${imp.files_imported} of ${plural(imp.files_recorded, 'file')}  ${what}`);
  }
  if (r.skipped.length > 0) {
    lines.push(`Left out ${plural(r.skipped.length, 'source file')} that changed or vanished since it was imported:`);
    for (const s of r.skipped) lines.push(`  ${s.reason.padEnd(10)} ${s.path}  (dataset ${s.dataset})`);
  }
  lines.push(r.complete ? 'Complete: every recorded source was imported again.' : 'Not complete: see above; the rest of the workspace is usable.');
  return `${lines.join('\n')}\n`;
}

export const rebuildCommand: Command = {
  name: 'rebuild',
  summary: 'rebuild a damaged or lost workspace from its recorded source files (exit 1 if any is left out)',
  usage: 'rebuild -w WS [--from DAMAGED_FILE] [--json]',
  options: { ...WORKSPACE, ...JSON_FLAG, from: { type: 'string' } },
  async run({ values, io }) {
    const workspace = required(values, 'workspace', '-w WORKSPACE');
    const from = str(values, 'from');
    const bar = progressBar(io);
    try {
      const result = await rebuildWorkspace(workspace, { ...(from !== undefined ? { from } : {}), onProgress: (p) => bar.update(p) });
      bar.done();
      io.out(values.json ? renderJson(result) : describeRebuild(result));
      return result.complete ? 0 : 1;
    } finally {
      bar.done();
    }
  },
};
