/**
 * The built renderer (out/renderer), served with the app's CSP. A URL path maps to a file only
 * through plain segments (no `..`, backslash, NUL or encoded slash); anything else is 404.
 */
import { existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/csp';
import { HttpError, sendFile } from './http-io';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** The file under root that a URL path names, or null. */
export function staticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (urlPath.includes('%2f') || urlPath.includes('%2F') || urlPath.includes('%5c') || urlPath.includes('%5C')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || s.includes('\\') || s.includes('\0'))) return null;
  const base = resolve(root);
  const file = segments.length === 0 ? join(base, 'index.html') : join(base, ...segments);
  if (!file.startsWith(base + sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

export async function serveStatic(res: ServerResponse, root: string, urlPath: string): Promise<void> {
  const file = staticPath(root, urlPath);
  if (file === null) throw new HttpError(404, 'not_found', `no such page: ${urlPath}`);
  const headers: Record<string, string> = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Frame-Options': 'DENY' };
  await sendFile(res, file, TYPES[extname(file)] ?? 'application/octet-stream', headers);
}
