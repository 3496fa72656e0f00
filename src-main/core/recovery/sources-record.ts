/**
 * The sources record: WS.sources.json beside a workspace lists every import (dataset, kind, the
 * options it was asked with, and each source file's path, size and sha256), in import order. It
 * mirrors the catalog's import history so that a workspace whose file is lost can be rebuilt
 * from its sources; it is rewritten whole (tmp + fsync + rename) after every import.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { DatasetKind, ImportRequest, ImportSummary } from '../../../src-shared/datasets';
import { DATASET_KINDS } from '../../../src-shared/datasets';
import type { Db } from '../db';
import { ENTITY_ACTION, HASHED_ID } from '../import/detect';
import type { Workspace } from '../workspace';

export interface RecordedFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

export interface RecordedImport {
  /** The import's id in the workspace that recorded it. */
  readonly import_id: number;
  readonly dataset: string;
  /** The dataset's kind. */
  readonly kind: DatasetKind;
  /** Canonical field -> source column, passed again on a rebuild. */
  readonly mapping: Readonly<Record<string, string>>;
  readonly keepNoConsent: boolean;
  readonly redact: boolean;
  readonly files: readonly RecordedFile[];
}

export interface SourcesRecord {
  readonly version: 1;
  readonly imports: readonly RecordedImport[];
}

export const sidecarPath = (workspacePath: string): string => `${workspacePath}.sources.json`;

/** Writes a file so that readers see the old or the new content, never a part of it. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseImport(v: unknown): RecordedImport | null {
  if (!isRecord(v) || !Array.isArray(v.files) || !isRecord(v.mapping)) return null;
  const { import_id, dataset, kind, keepNoConsent, redact } = v;
  if (typeof import_id !== 'number' || typeof dataset !== 'string' || !(DATASET_KINDS as readonly unknown[]).includes(kind)) return null;
  const files = v.files.filter(
    (f): f is RecordedFile => isRecord(f) && typeof f.path === 'string' && typeof f.sha256 === 'string' && typeof f.size === 'number',
  );
  const mapping = Object.fromEntries(Object.entries(v.mapping).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return { import_id, dataset, kind: kind as DatasetKind, mapping, keepNoConsent: keepNoConsent === true, redact: redact === true, files };
}

/** The record at path, or null when there is none or it is not one. */
export function readSourcesRecord(path: string): SourcesRecord | null {
  if (!existsSync(path)) return null;
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (!isRecord(v) || !Array.isArray(v.imports)) return null;
    const imports = v.imports.map(parseImport);
    return imports.every((i) => i !== null) ? { version: 1, imports: imports as RecordedImport[] } : null;
  } catch {
    return null;
  }
}

/**
 * The catalog's recorded mapping is the resolved one; only single real columns can be asked for
 * again (several columns joined with " | ", a hashed id or entity_type.action are what detection
 * gives anyway).
 */
function replayableMapping(resolved: unknown): Record<string, string> {
  if (!isRecord(resolved)) return {};
  const out: Record<string, string> = {};
  for (const [field, column] of Object.entries(resolved)) {
    if (typeof column === 'string' && !column.includes(' | ') && column !== HASHED_ID && column !== ENTITY_ACTION) out[field] = column;
  }
  return out;
}

/** Every import in a workspace's catalog, oldest first (works on any catalog version). */
export async function catalogImports(db: Db): Promise<RecordedImport[]> {
  const imports = await db.rows(`SELECT id, dataset, kind, options::VARCHAR AS options FROM tallybook.imports ORDER BY id`);
  const files = await db.rows(`SELECT import_id, path, size, sha256 FROM tallybook.import_files ORDER BY import_id, rowid`);
  return imports.map((i) => {
    const options = JSON.parse(String(i.options ?? '{}')) as Record<string, unknown>;
    return {
      import_id: Number(i.id),
      dataset: String(i.dataset),
      kind: String(i.kind) as DatasetKind,
      mapping: replayableMapping(options.mapping),
      keepNoConsent: options.keepNoConsent === true,
      redact: options.redact === true,
      files: files
        .filter((f) => Number(f.import_id) === Number(i.id))
        .map((f) => ({ path: String(f.path), size: Number(f.size), sha256: String(f.sha256) })),
    };
  });
}

const sameFiles = (a: RecordedImport, b: RecordedImport) =>
  a.dataset === b.dataset && a.files.length === b.files.length && a.files.every((f, i) => f.path === b.files[i]!.path && f.sha256 === b.files[i]!.sha256);

/**
 * Rewrites WS.sources.json after an import: the catalog's history, where the import just done
 * carries the request's own mapping (what the user asked, not what detection added) and earlier
 * imports keep what the record already said about them.
 */
export async function recordSources(ws: Workspace, summary: ImportSummary, req: ImportRequest): Promise<void> {
  const file = sidecarPath(ws.path);
  const before = new Map((readSourcesRecord(file)?.imports ?? []).map((i) => [i.import_id, i]));
  const imports = (await catalogImports(ws.db)).map((c): RecordedImport => {
    if (c.import_id === summary.import_id) {
      return { ...c, mapping: { ...(req.mapping ?? {}) }, keepNoConsent: req.keepNoConsent === true, redact: req.redact === true };
    }
    const known = before.get(c.import_id);
    return known && sameFiles(known, c) ? known : c;
  });
  const record: SourcesRecord = { version: 1, imports };
  writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
}
