/**
 * Rebuilding a workspace from its recorded sources: every import again, in order, with the kind
 * and options it had. A source file that vanished or whose sha256 changed is listed and left out,
 * never imported silently. The new workspace is built beside the target (WS.rebuilding) and moved
 * into place at the end, so an interrupted rebuild leaves no half workspace under the real name.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DatasetKind, ImportProgress, ImportRequest } from '../../../src-shared/datasets';
import { UserError, toErrorShape } from '../../../src-shared/errors';
import { fingerprint } from '../import/fingerprint';
import { importFiles } from '../import/importer';
import { Workspace } from '../workspace';
import { loadHistory } from './history';
import { freeName } from './set-aside';
import { recordSources, sidecarPath, type RecordedFile, type RecordedImport } from './sources-record';

export interface SkippedSource {
  readonly dataset: string;
  readonly path: string;
  readonly reason: 'changed' | 'missing' | 'unreadable';
  readonly recorded_sha256: string;
  /** The file's sha256 now (changed files only). */
  readonly sha256?: string;
}

export interface RebuiltImport {
  readonly dataset: string;
  readonly kind: DatasetKind;
  readonly files_recorded: number;
  readonly files_imported: number;
  readonly rows_imported: number;
  /** Why the import failed although its files were there (the rebuild goes on). */
  readonly error?: string;
}

export interface RebuildResult {
  readonly workspace: string;
  readonly history: { readonly from: string; readonly via: string; readonly imports: number };
  readonly imports: readonly RebuiltImport[];
  readonly skipped: readonly SkippedSource[];
  /** Every recorded source was imported again. */
  readonly complete: boolean;
}

export interface RebuildOptions {
  /** The damaged workspace file whose history to use (default: the newest WS.damaged-… beside WS). */
  readonly from?: string;
  readonly onProgress?: (p: ImportProgress) => void;
}

/** The file as recorded, or why it cannot be imported again. */
async function checkSource(dataset: string, f: RecordedFile): Promise<SkippedSource | null> {
  const skip = { dataset, path: f.path, recorded_sha256: f.sha256 };
  if (!existsSync(f.path)) return { ...skip, reason: 'missing' };
  try {
    const now = await fingerprint(f.path);
    return now.sha256 === f.sha256 ? null : { ...skip, reason: 'changed', sha256: now.sha256 };
  } catch {
    return { ...skip, reason: 'unreadable' };
  }
}

async function replay(ws: Workspace, entry: RecordedImport, skipped: SkippedSource[], onProgress?: (p: ImportProgress) => void): Promise<RebuiltImport> {
  const paths: string[] = [];
  for (const f of entry.files) {
    const problem = await checkSource(entry.dataset, f);
    if (problem) skipped.push(problem);
    else paths.push(f.path);
  }
  const done = { dataset: entry.dataset, kind: entry.kind, files_recorded: entry.files.length, files_imported: 0, rows_imported: 0 };
  if (paths.length === 0) return done;
  const req: ImportRequest = { dataset: entry.dataset, paths, kind: entry.kind, mapping: entry.mapping, keepNoConsent: entry.keepNoConsent, redact: entry.redact };
  try {
    const summary = await importFiles(ws, req, onProgress ? { onProgress } : {});
    await recordSources(ws, summary, req);
    return { ...done, files_imported: paths.length, rows_imported: summary.rows_imported };
  } catch (e) {
    return { ...done, error: toErrorShape(e).message };
  }
}

export async function rebuildWorkspace(target: string, opts: RebuildOptions = {}): Promise<RebuildResult> {
  const full = resolve(target);
  const refuseExisting = () => {
    if (existsSync(full)) throw new UserError('conflict', `workspace ${target} exists; a rebuild writes a new one and never replaces a file`, 'name a new file with -w, or move the existing one away first');
  };
  refuseExisting();
  const history = await loadHistory(full, opts.from === undefined ? undefined : resolve(opts.from));
  const building = `${full}.rebuilding`;
  // Leftovers of an interrupted rebuild are this command's own scratch files.
  for (const f of [building, `${building}.wal`, sidecarPath(building)]) rmSync(f, { force: true });

  const skipped: SkippedSource[] = [];
  const imports: RebuiltImport[] = [];
  const ws = await Workspace.open(building, { create: true });
  try {
    for (const entry of history.imports) imports.push(await replay(ws, entry, skipped, opts.onProgress));
  } finally {
    ws.closeSync();
  }

  refuseExisting();
  if (existsSync(sidecarPath(full))) renameSync(sidecarPath(full), freeName(sidecarPath(full), 'replaced'));
  renameSync(building, full);
  if (existsSync(`${building}.wal`)) renameSync(`${building}.wal`, `${full}.wal`);
  if (existsSync(sidecarPath(building))) renameSync(sidecarPath(building), sidecarPath(full));
  return {
    workspace: full,
    history: { from: history.from, via: history.via, imports: history.imports.length },
    imports,
    skipped,
    complete: skipped.length === 0 && imports.every((i) => i.error === undefined),
  };
}
