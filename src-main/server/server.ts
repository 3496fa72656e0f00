/**
 * The browser mode: the same renderer build and the same engine service as the desktop app,
 * behind HTTP on 127.0.0.1 only. Routes:
 *   GET  /?token=…            first page load: sets the session cookie, redirects to /
 *   GET  /, /assets/…         the built renderer (with the app's CSP)
 *   POST /api/rpc/<method>    {args} -> InvokeOutcome (the Electron IPC call, over HTTP)
 *   GET  /api/events          service events as Server-Sent Events
 *   POST /api/upload?name=F   a file's bytes -> {path} to import
 *   POST /api/report-pdf      {definition?|savedId?|dashboardId?} -> the report as a PDF attachment
 *   POST /api/export          {source, format, fileName} -> the export as an attachment
 *   GET  /api/v1/analytics…   seed 002's REST API (rest-api.ts)
 * Every request needs the token (auth.ts) and a loopback Host/Origin; /api/ requests other
 * than /api/events are rate-limited (rate-limit-http.ts).
 */
import { encodeAnswer } from '../../src-shared/wire';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseInvocation } from '../../src-shared/invocation';
import type { EngineService } from '../core/service';
import { isAllowedOrigin, isLoopbackHost, newToken, presentedToken, sameToken, tokenCookie } from './auth';
import { EventStream } from './event-stream';
import { sendReportPdf } from './report-pdf';
import { receiveUpload, sendExport } from './file-routes';
import { HttpError, SECURITY_HEADERS, readJson, sendError, sendJson } from './http-io';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimits } from './rate-limit';
import { countsAgainstRate, rateClient, sendRateLimited } from './rate-limit-http';
import { REST_PREFIX, handleRest } from './rest-api';
import { serveStatic } from './static-files';

export interface ServerOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  /** The built renderer (out/renderer). */
  readonly staticDir: string;
  /** Where uploads and temporary exports go (a folder of this session). */
  readonly workDir: string;
  /** Default: a fresh random token. */
  readonly token?: string;
  /** Requests a second per client and in total; default DEFAULT_RATE_LIMITS. */
  readonly rateLimits?: RateLimits;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly events: EventStream;
  close(): Promise<void>;
}

interface Context {
  readonly service: EngineService;
  readonly options: ServerOptions;
  readonly token: string;
  readonly events: EventStream;
  readonly limiter: RateLimiter;
  port: number;
}

function checkAccess(req: IncomingMessage, url: URL, ctx: Context): 'ok' | 'first-load' {
  if (!isLoopbackHost(req.headers.host, ctx.port)) throw new HttpError(421, 'bad_request', 'this server answers only to 127.0.0.1 and localhost');
  if (!isAllowedOrigin(req.headers.origin, ctx.port)) throw new HttpError(403, 'bad_request', 'requests from other sites are refused');
  const presented = presentedToken(req);
  if (presented !== undefined && sameToken(presented, ctx.token)) return 'ok';
  const queryToken = url.searchParams.get('token');
  if (req.method === 'GET' && url.pathname === '/' && queryToken !== null && sameToken(queryToken, ctx.token)) return 'first-load';
  throw new HttpError(401, 'bad_request', 'missing or wrong token', 'open the URL that `tallybook serve` printed, or send Authorization: Bearer <token>');
}

async function route(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${ctx.port}`);
  if (checkAccess(req, url, ctx) === 'first-load') {
    res.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': tokenCookie(ctx.token), Location: '/' });
    res.end();
    return;
  }
  const { pathname } = url;
  if (countsAgainstRate(pathname)) {
    const admission = ctx.limiter.admit(rateClient(req));
    if (!admission.ok) {
      sendRateLimited(res, admission);
      return;
    }
  }
  const { service, options } = ctx;
  if (pathname.startsWith('/api/rpc/') && req.method === 'POST') {
    const body = await readJson(req);
    const args = typeof body === 'object' && body !== null ? (body as { args?: unknown }).args : undefined;
    const { method, args: checked } = parseInvocation({ method: pathname.slice('/api/rpc/'.length), args });
    const call = service[method] as (req?: Readonly<Record<string, unknown>>) => Promise<unknown>;
    sendJson(res, 200, { ok: true, result: encodeAnswer((await call.call(service, checked)) ?? null) });
  } else if (pathname === '/api/events' && req.method === 'GET') {
    ctx.events.attach(res);
  } else if (pathname === '/api/upload' && req.method === 'POST') {
    await receiveUpload(req, res, join(options.workDir, 'uploads'), url.searchParams.get('name'));
  } else if (pathname === '/api/export' && req.method === 'POST') {
    await sendExport(req, res, service, options.workDir);
  } else if (pathname === '/api/report-pdf' && req.method === 'POST') {
    await sendReportPdf(req, res, service, options.workDir);
  } else if (pathname.startsWith(REST_PREFIX) && req.method === 'GET') {
    await handleRest(res, service, pathname, url.searchParams, options.workDir);
  } else if (pathname.startsWith('/api/')) {
    throw new HttpError(404, 'not_found', `no such endpoint: ${req.method ?? ''} ${pathname}`);
  } else if (req.method === 'GET' || req.method === 'HEAD') {
    await serveStatic(res, options.staticDir, pathname);
  } else {
    throw new HttpError(405, 'bad_request', `${req.method ?? ''} is not allowed here`);
  }
}

/** Starts the server on 127.0.0.1; service events go to the pages through `events`. */
export async function startServer(service: EngineService, events: EventStream, options: ServerOptions): Promise<RunningServer> {
  mkdirSync(options.workDir, { recursive: true });
  const limiter = new RateLimiter(options.rateLimits ?? DEFAULT_RATE_LIMITS);
  const ctx: Context = { service, options, token: options.token ?? newToken(), events, limiter, port: 0 };
  const server: Server = createServer((req, res) => {
    route(req, res, ctx).catch((e: unknown) => sendError(res, e));
  });
  server.requestTimeout = 0; // long imports and exports; idle sockets still time out
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  ctx.port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${ctx.port}/?token=${ctx.token}`,
    port: ctx.port,
    token: ctx.token,
    events,
    close: () =>
      new Promise<void>((done) => {
        events.close();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
