import { writeDemoWorkspace } from '../../core/demo/demo-workspace';
import { JSON_FLAG, WORKSPACE, positiveInt, required, type Command } from '../command';
import { renderJson } from '../format';
import { progressBar } from '../progress-bar';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'write a demo workspace: jobs, events, crawler events and metric snapshots (fixed seed)',
  usage: 'demo -w WS [--events N] [--seed N] [--force] [--json]',
  options: { ...WORKSPACE, ...JSON_FLAG, events: { type: 'string' }, seed: { type: 'string' }, force: { type: 'boolean' } },
  async run({ values, io }) {
    const path = required(values, 'workspace', '-w WORKSPACE');
    const events = positiveInt(values, 'events', '--events');
    const seed = positiveInt(values, 'seed', '--seed');
    const bar = progressBar(io);
    const r = await writeDemoWorkspace(path, { ...(events ? { events } : {}), ...(seed ? { seed } : {}), force: values.force === true, onProgress: (p) => bar.update(p) });
    bar.done();
    if (values.json) {
      io.out(renderJson({ workspace: r.workspace, sources: r.sources, datasets: r.imports.map((s) => ({ dataset: s.dataset, kind: s.kind, rows_read: s.rows_read, rows_imported: s.rows_imported })) }));
    } else {
      io.out(`Demo workspace ${r.workspace} (sources in ${r.sources}):\n`);
      for (const s of r.imports) io.out(`  ${s.dataset.padEnd(8)} ${s.kind.padEnd(8)} ${String(s.rows_imported).padStart(8)} rows imported of ${s.rows_read}\n`);
    }
    return 0;
  },
};
