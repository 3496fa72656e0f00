/**
 * The renderer's Content-Security-Policy, one policy for both front doors: the Electron app
 * protocol and the browser-mode server send it as a header, index.html carries it as a meta tag.
 */
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

/** The Content-Security-Policy header on every response of the app protocol and the server. */
export const CONTENT_SECURITY_POLICY = csp(CSP_DIRECTIVES);

/** The same policy for index.html's meta tag (browsers ignore frame-ancestors there). */
export const CONTENT_SECURITY_POLICY_META = csp(CSP_DIRECTIVES.filter(([name]) => name !== 'frame-ancestors'));
