/** Test helpers: throwaway workspaces in a temp folder, and small hand-written datasets. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetKind } from '../../src-shared/datasets';
import { Workspace } from '../../src-main/core/workspace';
import { quoteIdent } from '../../src-main/core/identifiers';

export interface TempDir {
  readonly dir: string;
  path(name: string): string;
  cleanup(): void;
}

export function tempDir(prefix = 'tallybook-test-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function tempWorkspace(t: TempDir, name = 'ws.tallybook'): Promise<Workspace> {
  return Workspace.open(t.path(name), { create: true });
}

/**
 * Creates a dataset directly from SQL (no import), registered in the catalog like an imported
 * one. `select` is a SELECT producing the dataset's columns, e.g. a VALUES list.
 */
export async function makeDataset(ws: Workspace, name: string, kind: DatasetKind, select: string, timeColumn: string | null): Promise<void> {
  await ws.db.run(`CREATE TABLE ${quoteIdent(name)} AS ${select}`);
  await ws.db.run(
    `INSERT INTO tallybook.datasets (name, kind, time_column, mapping, created_at) VALUES (?, ?, ?, '{}', now())`,
    [name, kind, timeColumn],
  );
}
