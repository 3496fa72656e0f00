/**
 * The app:// protocol: serves the built renderer (out/renderer) and nothing else. main.ts
 * registers APP_SCHEME_PRIVILEGES before `ready` and hands createAppProtocolHandler's result to
 * protocol.handle; the handler is plain fetch-API code, so it is tested on real files.
 * Invariants:
 * - only GET and HEAD of app://tallybook/<plain relative path> (security.ts refuses `..`, encoded
 *   separators, NUL, other hosts); a file is served only when its real path (symlinks resolved)
 *   is that same path inside the real renderer folder, so no link leads out of it, or anywhere;
 * - every response, errors included, carries the CSP and `nosniff`; content types come from a
 *   fixed table, so a script is never served under a type the browser would guess.
 * Reads go through `node:fs` at call time, which Electron patches to read inside app.asar.
 */
import fs from 'node:fs';
import { extname, join, sep } from 'node:path';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, appUrlToRelativePath } from './security';

/** app:// behaves like https: an origin of its own, fetch, a secure context (main.ts registers it). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
} as const;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The headers every app:// response carries, whatever its status. */
export function appResponseHeaders(contentType = 'text/plain; charset=utf-8'): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
}

function refusal(status: 404 | 405): Response {
  return new Response(status === 404 ? 'not found' : 'method not allowed', { status, headers: appResponseHeaders() });
}

/**
 * The absolute path of the file an app URL may serve from `realRoot` (a folder path with its
 * symlinks already resolved), or null: not an app file URL, not a regular file, or reached
 * through a symlink at any level.
 */
export async function appFileFor(realRoot: string, url: string): Promise<string | null> {
  const relative = appUrlToRelativePath(url);
  if (relative === null) return null;
  const file = join(realRoot, ...relative.split('/'));
  if (!file.startsWith(realRoot + sep)) return null;
  try {
    const real = await fs.promises.realpath(file);
    if (real !== file) return null;
    return (await fs.promises.stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

/** The protocol.handle handler serving files of `rendererRoot` (out/renderer). */
export function createAppProtocolHandler(rendererRoot: string): (request: Request) => Promise<Response> {
  let realRoot: Promise<string> | null = null;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405);
    realRoot ??= fs.promises.realpath(rendererRoot);
    let file: string | null;
    try {
      file = await appFileFor(await realRoot, request.url);
    } catch {
      realRoot = null;
      return refusal(404);
    }
    if (file === null) return refusal(404);
    let body: Buffer;
    try {
      body = await fs.promises.readFile(file);
    } catch {
      return refusal(404);
    }
    const headers = appResponseHeaders(CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
    headers.set('Content-Length', String(body.byteLength));
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
