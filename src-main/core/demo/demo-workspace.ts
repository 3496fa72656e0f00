/**
 * The demo workspace: generated seed-format files (kept beside the workspace, as its sources)
 * imported into four datasets: jobs, events, crawler and runs.
 */
import { existsSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ImportProgress, ImportSummary } from '../../../src-shared/datasets';
import { UserError } from '../../../src-shared/errors';
import { importFiles } from '../import/importer';
import { Workspace } from '../workspace';
import { writeDemoFiles } from './write-demo-files';

export interface DemoOptions {
  readonly events?: number;
  readonly seed?: number;
  /** Replace an existing file. */
  readonly force?: boolean;
  readonly onProgress?: (p: ImportProgress) => void;
}

export interface DemoResult {
  readonly workspace: string;
  readonly sources: string;
  readonly imports: ImportSummary[];
}

export async function writeDemoWorkspace(path: string, opts: DemoOptions): Promise<DemoResult> {
  const wsPath = resolve(path);
  if (existsSync(wsPath)) {
    if (!opts.force) throw new UserError('conflict', `${wsPath} exists already`, 'choose a new file, or pass --force to replace it');
    rmSync(wsPath, { force: true });
    rmSync(`${wsPath}.wal`, { force: true });
  }
  const sources = join(dirname(wsPath), `${basename(wsPath).replace(/\.[^.]+$/, '')}-demo-files`);
  rmSync(sources, { recursive: true, force: true });
  const files = await writeDemoFiles(sources, { ...(opts.events ? { events: opts.events } : {}), ...(opts.seed ? { seed: opts.seed } : {}) });
  const ws = await Workspace.open(wsPath, { create: true });
  const imports: ImportSummary[] = [];
  try {
    // The JSON export first: where both exports hold a job, its richer JSON row (QC, user) wins.
    const plan: [string, readonly string[]][] = [['jobs', [...files.jobs].reverse()], ['events', files.events], ['crawler', files.crawler], ['runs', files.snapshots]];
    for (const [dataset, paths] of plan) {
      imports.push(await importFiles(ws, { dataset, paths }, opts.onProgress ? { onProgress: opts.onProgress } : {}));
    }
  } finally {
    ws.closeSync();
  }
  return { workspace: wsPath, sources, imports };
}
