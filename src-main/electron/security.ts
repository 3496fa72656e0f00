/**
 * The desktop shell's security policy as pure functions (no Electron, no Node APIs), so it is
 * testable directly and bundles into the sandboxed preload. Invariants:
 * - the renderer only ever runs from APP_ORIGIN (`app://tallybook`); an app URL maps to a file
 *   of the built renderer only through plain relative segments (never `..`, `\`, `%2F`, NUL);
 * - every response the shell serves carries CONTENT_SECURITY_POLICY (no inline or remote script);
 * - the only links that may leave the app are http(s), and only after the user agrees;
 * - an IPC request is `{method, args}` (src-shared/invocation.ts) with `method` in the service allow-list and `args` absent
 *   or one plain object; the answer is an InvokeOutcome, never a thrown error.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'tallybook';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const INVOKE_CHANNEL = 'tallybook:invoke';
export const EVENT_CHANNEL = 'tallybook:event';

export { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } from '../../src-shared/csp';

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isAppLocation(u: URL): boolean {
  return u.protocol === `${APP_SCHEME}:` && u.hostname.toLowerCase() === APP_HOST && u.port === '' && u.username === '' && u.password === '';
}

/** The file of the built renderer an app URL names, as a relative POSIX path; null if none may. */
export function appUrlToRelativePath(url: string): string | null {
  const u = parseUrl(url);
  if (!u || !isAppLocation(u)) return null;
  const encoded = u.pathname.replace(/^\//, '');
  if (encoded === '') return 'index.html';
  const segments: string[] = [];
  for (const part of encoded.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments.join('/');
}

/** True for a URL of the app itself (the only place the window may show). */
export function isAppUrl(url: string): boolean {
  return appUrlToRelativePath(url) !== null;
}

/** True for an http(s) URL without credentials: the only kind offered to the system browser. */
export function isExternalWebUrl(url: string): boolean {
  const u = parseUrl(url);
  return u !== null && (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
}

export type { EventMessage, InvokeOutcome } from '../../src-shared/contract';
export { parseInvocation, type Invocation } from '../../src-shared/invocation';
