/**
 * Expands what the user named (files, folders, globs) into a list of input files with their
 * format. Folders are walked recursively for known extensions; hidden files are skipped.
 */
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { createGunzip } from 'node:zlib';
import { UserError } from '../../../src-shared/errors';

export type SourceFormat = 'csv' | 'json' | 'parquet';

export interface SourceFile {
  readonly path: string;
  readonly format: SourceFormat;
  readonly gzip: boolean;
}

const KNOWN = /\.(csv|tsv|txt|json|ndjson|jsonl|parquet)(\.gz)?$/i;

function formatFromName(path: string): SourceFormat | null {
  const m = /\.(csv|tsv|txt|json|ndjson|jsonl|parquet)(\.gz)?$/i.exec(path);
  if (!m) return null;
  const ext = m[1]!.toLowerCase();
  if (ext === 'parquet') return 'parquet';
  if (ext === 'json' || ext === 'ndjson' || ext === 'jsonl') return 'json';
  return 'csv';
}

/** Reads the first bytes (decompressed for .gz) to tell formats apart when the name does not. */
export async function peek(path: string, gzip: boolean, bytes = 4096): Promise<Buffer> {
  if (!gzip) {
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(bytes);
      const { bytesRead } = await fh.read(buf, 0, bytes, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  }
  return new Promise((resolvePeek, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const input = createReadStream(path);
    const gunzip = createGunzip();
    const done = () => {
      input.destroy();
      gunzip.destroy();
      resolvePeek(Buffer.concat(chunks).subarray(0, bytes));
    };
    gunzip.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= bytes) done();
    });
    gunzip.on('end', done);
    gunzip.on('error', (e) => reject(new UserError('bad_format', `${path}: not a valid gzip file (${e.message})`, 'check the file is complete, or decompress it first')));
    input.on('error', reject);
    input.pipe(gunzip);
  });
}

async function sniffFormat(path: string, gzip: boolean): Promise<SourceFormat> {
  const head = await peek(path, gzip, 512);
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('{') || text.startsWith('[') ? 'json' : 'csv';
}

function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        re += '.*';
        i++;
        if (pattern[i + 1] === '/' || pattern[i + 1] === sep) i++;
      } else re += '[^/\\\\]*';
    } else if (ch === '?') re += '[^/\\\\]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
}

function expandGlob(pattern: string): string[] {
  const abs = resolve(pattern);
  const firstWild = abs.search(/[*?]/);
  const base = dirname(abs.slice(0, firstWild + 1));
  if (!existsSync(base)) return [];
  const re = globToRegExp(abs);
  const all: string[] = [];
  walk(base, all);
  return all.filter((f) => re.test(f));
}

/** Resolves paths, folders and globs to files, in a stable order, without duplicates. */
export async function expandSources(paths: readonly string[]): Promise<SourceFile[]> {
  if (paths.length === 0) throw new UserError('bad_request', 'no files to import', 'name one or more files, folders or globs');
  const files: string[] = [];
  for (const p of paths) {
    if (/[*?]/.test(p)) {
      const matched = expandGlob(p);
      if (matched.length === 0) throw new UserError('not_found', `no files match ${p}`, 'check the pattern (quote it so the shell does not expand it)');
      files.push(...matched.filter((f) => KNOWN.test(f)));
      continue;
    }
    const abs = resolve(p);
    if (!existsSync(abs)) throw new UserError('not_found', `${p}: no such file or folder`, 'check the path');
    const st = statSync(abs);
    if (st.isDirectory()) {
      const inside: string[] = [];
      walk(abs, inside);
      const known = inside.filter((f) => KNOWN.test(f));
      if (known.length === 0) throw new UserError('not_found', `${p}: the folder holds no CSV, TSV, JSON, NDJSON or Parquet files`, 'name the files directly');
      files.push(...known);
    } else files.push(abs);
  }
  const unique = [...new Set(files)];
  const out: SourceFile[] = [];
  for (const path of unique) {
    const gzip = /\.gz$/i.test(path);
    const format = formatFromName(path) ?? (await sniffFormat(path, gzip));
    if (format === 'parquet' && gzip) throw new UserError('bad_format', `${basename(path)}: gzip-compressed Parquet is not supported`, 'decompress it first');
    out.push({ path, format, gzip });
  }
  return out;
}
