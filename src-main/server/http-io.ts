/** Small HTTP helpers: bounded bodies, JSON and error answers, file streaming. */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { UserError, toErrorShape, type ErrorCode, type ErrorShape } from '../../src-shared/errors';

/** JSON request bodies: service requests are small; files go through /api/upload. */
export const JSON_BODY_LIMIT = 4 * 1024 * 1024;

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  bad_spec: 400,
  bad_name: 400,
  bad_format: 400,
  unknown_field: 400,
  wrong_kind: 400,
  unreadable_file: 400,
  read_only: 403,
  not_found: 404,
  conflict: 409,
  locked: 409,
  damaged: 409,
  disk_full: 507,
  cancelled: 409,
  internal: 500,
};

export function statusOf(error: ErrorShape): number {
  return STATUS[error.code];
}

/** Reads the whole body, refusing more than `limit` bytes with 413. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) throw new HttpError(413, 'bad_request', `the request body is over ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, 'bad_request', `the request body is over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) throw new HttpError(415, 'bad_request', 'send the request as application/json');
  const body = await readBody(req, JSON_BODY_LIMIT);
  try {
    return body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
  } catch {
    throw new HttpError(400, 'bad_request', 'the request body is not valid JSON');
  }
}

/** An error with its own HTTP status (413, 415, 401 …). */
export class HttpError extends UserError {
  constructor(readonly status: number, code: ErrorCode, message: string, hint?: string) {
    super(code, message, hint);
  }
}

const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Answers any thrown error as {ok: false, error} with its status; internals are not leaked. */
export function sendError(res: ServerResponse, e: unknown): void {
  const shape = toErrorShape(e);
  const status = e instanceof HttpError ? e.status : statusOf(shape);
  const { detail: _detail, ...visible } = shape;
  if (res.headersSent) res.destroy();
  else sendJson(res, status, { ok: false, error: visible });
}

export async function sendFile(res: ServerResponse, path: string, type: string, headers: Record<string, string> = {}): Promise<void> {
  res.writeHead(200, { ...SECURITY_HEADERS, ...headers, 'Content-Type': type, 'Content-Length': statSync(path).size });
  await pipeline(createReadStream(path), res as Writable);
}

export { SECURITY_HEADERS };
