/**
 * Files across the browser-mode boundary. Uploads: the page sends a file's bytes, the server keeps
 * them under the session's upload folder (one sub-folder per upload, so the original name —
 * which kind detection and reject reports use — survives) and answers its path for importFiles.
 * Downloads: the engine writes an export to a temporary file, which is streamed back as an
 * attachment and removed.
 */
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SaveExportRequest } from '../../src-shared/contract';
import type { EngineService } from '../core/service';
import { HttpError, readJson, sendFile, sendJson } from './http-io';

/** Uploads up to 8 GiB: bigger exports are better imported by path. */
export const UPLOAD_LIMIT = 8 * 1024 ** 3;

const TYPES: Record<string, string> = { csv: 'text/csv; charset=utf-8', json: 'application/json', ndjson: 'application/x-ndjson', parquet: 'application/vnd.apache.parquet' };

/** A plain file name: no folders, no control characters, not hidden; else a 400. */
export function safeFileName(name: string | null): string {
  const trimmed = (name ?? '').trim();
  const control = [...trimmed].some((c) => c.charCodeAt(0) < 32);
  if (!trimmed || trimmed.length > 200 || control || /[/\\]/.test(trimmed) || trimmed.startsWith('.')) {
    throw new HttpError(400, 'bad_request', `"${trimmed.slice(0, 80)}" is not a plain file name`, 'name the file without folders, e.g. events.ndjson');
  }
  return trimmed;
}

export async function receiveUpload(req: IncomingMessage, res: ServerResponse, uploadDir: string, name: string | null): Promise<void> {
  const fileName = safeFileName(name);
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > UPLOAD_LIMIT) throw new HttpError(413, 'bad_request', `${fileName} is over the upload limit`, 'import it by its path on this machine instead');
  mkdirSync(uploadDir, { recursive: true });
  const folder = mkdtempSync(join(uploadDir, 'upload-'));
  const path = join(folder, fileName);
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > UPLOAD_LIMIT) req.destroy(new HttpError(413, 'bad_request', `${fileName} is over the upload limit`));
  });
  try {
    await pipeline(req, createWriteStream(path) as Writable);
  } catch (e) {
    rmSync(folder, { recursive: true, force: true });
    throw e;
  }
  sendJson(res, 200, { path, bytes: size });
}

export async function sendExport(req: IncomingMessage, res: ServerResponse, service: EngineService, tmpDir: string): Promise<void> {
  const body = (await readJson(req)) as Partial<SaveExportRequest> | null;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'bad_request', 'an export request must be one object');
  const { fileName, ...source } = body;
  const name = safeFileName(typeof fileName === 'string' ? fileName : null);
  const folder = mkdtempSync(join(tmpDir, 'export-'));
  try {
    const result = await service.exportData({ ...source, path: join(folder, name) });
    await sendFile(res, result.path, TYPES[result.format] ?? 'application/octet-stream', {
      'Content-Disposition': `attachment; filename="${name.replaceAll('"', '')}"`,
      'X-Tallybook-Rows': String(result.rows),
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
