/**
 * One writer per workspace file inside this process too. DuckDB's file lock keeps other processes
 * out, but a second DuckDB instance in the same process gets the file as well; this registry
 * refuses a writer next to anyone, and a reader next to a writer.
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

interface Holders {
  writers: number;
  readers: number;
}

const claims = new Map<string, Holders>();

/** The file's real path, also before it exists (its folder may be reached through a symlink). */
const keyOf = (path: string) => (existsSync(dirname(path)) ? join(realpathSync(dirname(path)), basename(path)) : path);

/** Claims the file; returns the release function, or null when this process already holds it in a conflicting way. */
export function claimInProcess(path: string, readOnly: boolean): (() => void) | null {
  const key = keyOf(path);
  const h = claims.get(key) ?? { writers: 0, readers: 0 };
  if (h.writers > 0 || (!readOnly && h.readers > 0)) return null;
  if (readOnly) h.readers++;
  else h.writers++;
  claims.set(key, h);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (readOnly) h.readers--;
    else h.writers--;
    if (h.writers === 0 && h.readers === 0) claims.delete(key);
  };
}
