/**
 * A private copy of a workspace file in a temp folder, for reading without touching the original:
 * a snapshot of a workspace another process is writing, or the catalog of a damaged one. The WAL
 * is copied only when asked (a live writer's WAL is never trusted).
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export interface TempCopy {
  readonly path: string;
  dispose(): void;
}

export function tempCopy(path: string, opts: { withWal?: boolean } = {}): TempCopy {
  const dir = mkdtempSync(join(tmpdir(), 'tallybook-copy-'));
  const copy = join(dir, basename(path));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    copyFileSync(path, copy);
    if (opts.withWal && existsSync(`${path}.wal`)) copyFileSync(`${path}.wal`, `${copy}.wal`);
  } catch (e) {
    dispose();
    throw e;
  }
  return { path: copy, dispose };
}
