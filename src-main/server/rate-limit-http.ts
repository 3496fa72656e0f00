/**
 * The request rate limit at the HTTP door (the buckets are in rate-limit.ts). It applies to
 * authenticated requests only, so a caller without the token cannot spend anyone's budget.
 *   Counted: every /api/ request except /api/events — service calls, the seed 002 REST API,
 *     uploads, exports and report PDFs: the requests that make the engine work.
 *   Not counted: /api/events (one long-lived stream a page, which EventSource would only
 *     reopen if refused) and the renderer's static files (a page load is a handful of files
 *     read from disk): a page being opened never takes budget from its own dashboards.
 * Clients: scripts (bearer header) and the app's pages (the session cookie) have a budget each,
 * so a runaway script cannot starve the open pages; the total caps both together.
 * Over the limit: 429, `Retry-After` in whole seconds, and the error as data.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken } from './auth';
import { sendJson } from './http-io';
import type { Admission } from './rate-limit';

export type RateClient = 'script' | 'page';

/** The error body of a 429, beside the app's other errors ({ok: false, error}). */
export interface RateLimitedError {
  readonly code: 'rate_limited';
  readonly message: string;
  readonly hint: string;
  readonly detail: string;
}

export function countsAgainstRate(pathname: string): boolean {
  return pathname.startsWith('/api/') && pathname !== '/api/events';
}

export function rateClient(req: IncomingMessage): RateClient {
  return bearerToken(req) !== undefined ? 'script' : 'page';
}

function rateLimitedError(refusal: Extract<Admission, { ok: false }>): RateLimitedError {
  const { limit, rate, retryAfterMs } = refusal;
  const who = limit === 'client' ? 'one client' : 'all clients together';
  return {
    code: 'rate_limited',
    message: `too many requests: ${who} may send ${rate.perSecond} a second (bursts of ${rate.burst})`,
    hint: 'wait a moment and try again, or send fewer requests at once',
    detail: `${limit} limit ${rate.perSecond}/s, burst ${rate.burst}; the next request is admitted in ${Math.ceil(retryAfterMs)} ms`,
  };
}

export function sendRateLimited(res: ServerResponse, refusal: Extract<Admission, { ok: false }>): void {
  res.setHeader('Retry-After', String(Math.max(1, Math.ceil(refusal.retryAfterMs / 1000))));
  sendJson(res, 429, { ok: false, error: rateLimitedError(refusal) });
}
