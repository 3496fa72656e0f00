/**
 * Who may talk to the browser-mode server: requests for 127.0.0.1/localhost on our port only
 * (Host and Origin checked, so a DNS-rebinding page cannot reach us), carrying the session
 * token — `Authorization: Bearer <token>` (the seed 002 clients), or the cookie set when the
 * first page load brought `?token=`. Tokens are compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'tallybook_token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time equality of two strings of any length (compares their SHA-256). */
export function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

/** Host is 127.0.0.1:PORT or localhost:PORT. */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host !== undefined && LOOPBACK_NAMES.some((name) => host.toLowerCase() === `${name}:${port}`);
}

/** No Origin (curl, scripts, same-origin GETs) or http://127.0.0.1:PORT / http://localhost:PORT. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  return origin === undefined || LOOPBACK_NAMES.some((name) => origin.toLowerCase() === `http://${name}:${port}`);
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The token of an `Authorization: Bearer` header (scripts, the seed 002 clients). */
export function bearerToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : undefined;
}

/** The token a request presents: bearer header first, then the cookie. */
export function presentedToken(req: IncomingMessage): string | undefined {
  return bearerToken(req) ?? cookieValue(req.headers.cookie, TOKEN_COOKIE);
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}
