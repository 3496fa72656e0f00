import { DATASET_KINDS, type ImportSummary } from '../../../src-shared/datasets';
import { UserError } from '../../../src-shared/errors';
import { importFiles } from '../../core/import/importer';
import { recordSources } from '../../core/recovery/sources-record';
import { JSON_FLAG, WORKSPACE, oneOf, required, withWorkspace, type Command } from '../command';
import { renderJson } from '../format';
import { progressBar } from '../progress-bar';

function parseMap(entries: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries) {
    const i = e.indexOf('=');
    if (i <= 0 || i === e.length - 1) throw new UserError('bad_request', `--map ${e} is not field=column`, 'e.g. --map occurred_at="Event Time"');
    out[e.slice(0, i)] = e.slice(i + 1);
  }
  return out;
}

/** The CLI contract's --json shape, keys in the documented order. */
export function importJson(s: ImportSummary) {
  const { dataset, kind, rows_read, rows_imported, duplicates, rejected, dropped_no_consent, rejected_by_reason, files } = s;
  return { dataset, kind, rows_read, rows_imported, duplicates, rejected, dropped_no_consent, rejected_by_reason, files };
}

export function describeImport(s: ImportSummary, workspace: string): string {
  const reasons = Object.entries(s.rejected_by_reason).map(([r, n]) => `${r} ${n}`).join(', ');
  const lines = [
    `Imported ${s.rows_imported} of ${s.rows_read} rows into ${s.dataset} (${s.kind}) from ${s.files.length} file${s.files.length === 1 ? '' : 's'}`,
    `  duplicates          ${s.duplicates}`,
    `  rejected            ${s.rejected}${reasons ? `   (${reasons})` : ''}`,
    `  dropped_no_consent  ${s.dropped_no_consent}`,
  ];
  if (s.rejected > 0) lines.push(`Rejected rows: tallybook export -w ${workspace} --rejects ${s.dataset} -o rejects.csv`);
  return lines.join('\n') + '\n';
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import files, folders or globs into a dataset (created when new)',
  usage: 'import -w WS -n NAME [-k events|jobs|metrics|table] [--map field=column]… [--keep-no-consent] [--redact] [--schemas DIR] [--json] PATH...',
  options: {
    ...WORKSPACE,
    ...JSON_FLAG,
    name: { type: 'string', short: 'n' },
    kind: { type: 'string', short: 'k' },
    map: { type: 'string', multiple: true },
    'keep-no-consent': { type: 'boolean' },
    redact: { type: 'boolean' },
    schemas: { type: 'string' },
  },
  async run({ values, positionals, io }) {
    const dataset = required(values, 'name', '-n NAME (the dataset to import into)');
    if (positionals.length === 0) throw new UserError('bad_request', 'missing PATH: name the files, folders or globs to import');
    const kind = oneOf(values, 'kind', DATASET_KINDS);
    const mapping = parseMap((values.map as string[] | undefined) ?? []);
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    const bar = progressBar(io);
    try {
      const req = { dataset, paths: positionals, ...(kind ? { kind } : {}), mapping, keepNoConsent: values['keep-no-consent'] === true, redact: values.redact === true, ...(typeof values.schemas === 'string' ? { schemas: values.schemas } : {}) };
      const summary = await withWorkspace(values, async (ws) => {
        const done = await importFiles(ws, req, { signal: controller.signal, onProgress: (p) => bar.update(p) });
        // Best effort, as in the app: the import has landed; the record only helps a later rebuild.
        await recordSources(ws, done, req).catch(() => undefined);
        return done;
      }, { create: true });
      bar.done();
      io.out(values.json ? renderJson(importJson(summary)) : describeImport(summary, String(values.workspace)));
      return 0;
    } finally {
      bar.done();
      process.removeListener('SIGINT', onSigint);
    }
  },
};
