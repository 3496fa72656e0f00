/**
 * Why DuckDB refused to open a workspace file, told from its error message: another process holds
 * the write lock, the file or its WAL is damaged, or something else (permissions, a newer storage
 * version, not a database at all) that moving files aside would not fix.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

export type OpenFailure =
  | { readonly kind: 'locked'; readonly holder: string | null }
  | { readonly kind: 'damaged'; readonly reason: string }
  | { readonly kind: 'other'; readonly reason: string };

/** DuckDB's words for a file or WAL it cannot trust (1.x storage): checksums, torn files, failed replay. */
const DAMAGE = [
  /Failure while replaying WAL/i,
  /Corrupt (WAL|database) file/i,
  /computed checksum .* does not match/i,
  /Could not read enough bytes from file/i,
  /not a valid DuckDB database file/i,
  /INTERNAL Error/i,
  /Serialization Error/i,
];

export function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0] ?? text;
}

export function classifyOpenFailure(e: unknown): OpenFailure {
  const reason = firstLine(e);
  if (/Could not set lock on file|Conflicting lock/i.test(reason)) {
    const pid = /\(PID (\d+)\)/.exec(reason);
    return { kind: 'locked', holder: pid ? `PID ${pid[1]}` : null };
  }
  if (DAMAGE.some((re) => re.test(reason))) return { kind: 'damaged', reason: reason.replace(/^[A-Za-z ]*Error: /, '') };
  return { kind: 'other', reason };
}

/** True for errors that mean the stored data cannot be trusted (also raised by reads after opening). */
export function isDamage(e: unknown): boolean {
  return classifyOpenFailure(e).kind === 'damaged';
}

const hasWorkspaceName = (path: string) => /\.(tallybook|duckdb)$/i.test(path);

/** DuckDB's magic bytes "DUCK" at offset 8 of the file's first header. */
function hasDuckDbMagic(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(12);
    return readSync(fd, head, 0, 12, 0) === 12 && head.subarray(8, 12).toString('latin1') === 'DUCK';
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether a file DuckDB calls damaged was ever a workspace: it carries DuckDB's magic bytes, or
 * it has a workspace's name. A CSV picked by mistake is "not a workspace", never moved aside.
 */
export function looksLikeWorkspace(path: string): boolean {
  return hasWorkspaceName(path) || hasDuckDbMagic(path);
}

/**
 * Checked before DuckDB sees the file: a non-empty file without DuckDB's header is no database,
 * whatever DuckDB would make of it (it takes a small one for a new database and overwrites it).
 */
export function headerFailure(path: string): OpenFailure | null {
  if (!existsSync(path) || statSync(path).size === 0 || hasDuckDbMagic(path)) return null;
  const reason = 'the file has no DuckDB header';
  return hasWorkspaceName(path) ? { kind: 'damaged', reason } : { kind: 'other', reason: `${reason}: it is not a Tallybook workspace` };
}
