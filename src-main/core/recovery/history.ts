/**
 * Where a rebuild learns what a workspace was made of: the sources record beside a damaged copy
 * (WS.damaged-…sources.json), the damaged copy's own catalog (read from a temp copy, with its WAL
 * and else without), or the record beside the workspace (WS.sources.json). The longest history
 * wins: every one of them lists the same imports, the newer ones more of them.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../../../src-shared/errors';
import { Db } from '../db';
import { tempCopy } from './file-copy';
import { catalogImports, readSourcesRecord, sidecarPath, type RecordedImport } from './sources-record';

export interface History {
  /** The file the history was read from. */
  readonly from: string;
  readonly via: 'sources record' | 'catalog';
  readonly imports: readonly RecordedImport[];
}

/** The newest WS.damaged-<timestamp> next to WS (its WAL and record excluded), or null. */
export function newestDamaged(workspace: string): string | null {
  const dir = dirname(workspace);
  if (!existsSync(dir)) return null;
  const prefix = `${basename(workspace)}.damaged-`;
  const names = readdirSync(dir)
    .filter((n) => n.startsWith(prefix) && !n.endsWith('.wal') && !n.endsWith('.json') && !n.includes('.tmp-'))
    .sort();
  const last = names[names.length - 1];
  return last === undefined ? null : join(dir, last);
}

/** The import history in a (possibly damaged) workspace file's catalog, or null when unreadable. */
export async function catalogOf(file: string): Promise<RecordedImport[] | null> {
  for (const withWal of [true, false]) {
    let copy;
    try {
      copy = tempCopy(file, { withWal });
    } catch {
      return null;
    }
    try {
      const db = await Db.open(copy.path, { readOnly: true });
      try {
        return await catalogImports(db);
      } finally {
        db.closeSync();
      }
    } catch {
      // Damaged with its WAL: try the file alone (its state at the last checkpoint).
    } finally {
      copy.dispose();
    }
  }
  return null;
}

export async function loadHistory(workspace: string, from?: string): Promise<History> {
  if (from !== undefined && !existsSync(from)) throw new UserError('not_found', `--from ${from} does not exist`, 'name the damaged workspace file (WS.damaged-…)');
  const damaged = from ?? newestDamaged(workspace);
  const found: History[] = [];
  const addRecord = (file: string) => {
    const record = readSourcesRecord(file);
    if (record) found.push({ from: file, via: 'sources record', imports: record.imports });
  };
  if (damaged !== null) {
    addRecord(sidecarPath(damaged));
    const catalog = await catalogOf(damaged);
    if (catalog) found.push({ from: damaged, via: 'catalog', imports: catalog });
  }
  addRecord(sidecarPath(workspace));
  if (found.length === 0) {
    throw new UserError(
      'not_found',
      `no record of the sources of ${workspace}: no readable ${basename(sidecarPath(workspace))}${damaged ? ` and no readable catalog in ${damaged}` : ' and no damaged copy beside it'}`,
      'import the source files again with tallybook import',
    );
  }
  return found.reduce((best, h) => (h.imports.length > best.imports.length ? h : best));
}
