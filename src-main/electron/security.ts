/**
 * The desktop shell's security policy as pure functions (no Electron, no Node APIs), so it is
 * testable directly and bundles into the sandboxed preload. Invariants:
 * - the renderer only ever runs from APP_ORIGIN (`app://tallybook`); an app URL maps to a file
 *   of the built renderer only through plain relative segments (never `..`, `\`, `%2F`, NUL);
 * - every response the shell serves carries CONTENT_SECURITY_POLICY (no inline or remote script);
 * - the only links that may leave the app are http(s), and only after the user agrees;
 * - an IPC request is `{method, args}` with `method` in the service allow-list and `args` absent
 *   or one plain object; the answer is an InvokeOutcome, never a thrown error.
 */
import { SERVICE_METHODS, type ServiceMethod } from '../../src-shared/contract';
import { UserError } from '../../src-shared/errors';

export const APP_SCHEME = 'app';
export const APP_HOST = 'tallybook';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const INVOKE_CHANNEL = 'tallybook:invoke';
export const EVENT_CHANNEL = 'tallybook:event';

const CSP_DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  // ECharts and React set inline style attributes; styles cannot run code.
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['worker-src', "'self' blob:"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

function csp(directives: readonly (readonly [string, string])[]): string {
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** The Content-Security-Policy header set on every response of the app protocol. */
export const CONTENT_SECURITY_POLICY = csp(CSP_DIRECTIVES);

/** The same policy for index.html's meta tag (browsers ignore frame-ancestors there). */
export const CONTENT_SECURITY_POLICY_META = csp(CSP_DIRECTIVES.filter(([name]) => name !== 'frame-ancestors'));

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

export interface Invocation {
  readonly method: ServiceMethod;
  readonly args: Readonly<Record<string, unknown>> | undefined;
}

export type { EventMessage, InvokeOutcome } from '../../src-shared/contract';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function isServiceMethod(v: unknown): v is ServiceMethod {
  return typeof v === 'string' && (SERVICE_METHODS as readonly string[]).includes(v);
}

/** Checks an IPC payload; throws a UserError 'bad_request' naming what is wrong. */
export function parseInvocation(payload: unknown): Invocation {
  if (!isPlainObject(payload)) throw new UserError('bad_request', 'an IPC request must be an object {method, args}');
  const { method, args } = payload;
  if (!isServiceMethod(method)) {
    throw new UserError('bad_request', `unknown method ${JSON.stringify(method)}`, `use one of: ${SERVICE_METHODS.join(', ')}`);
  }
  if (args !== undefined && !isPlainObject(args)) {
    throw new UserError('bad_request', `the arguments of ${method} must be one object`);
  }
  return { method, args };
}
