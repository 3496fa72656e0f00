/**
 * The default session, locked down before the first window: every permission request, check
 * and device request is denied (the app needs none: no camera, notifications, geolocation, USB…);
 * every response gets the app's CSP, replacing any policy it brought; no request to the network
 * leaves the app (http, https, ws, wss, ftp are cancelled — the renderer talks to the engine over
 * IPC, and links go to the system browser through external-links.ts). Structural types stand in
 * for Electron's Session, so the handlers are tested as plain functions.
 */
import { CONTENT_SECURITY_POLICY } from './security';

type Headers = Readonly<Record<string, string | string[]>>;

export interface GuardableSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: () => boolean): void;
  readonly webRequest: {
    onHeadersReceived(
      listener: (details: { readonly responseHeaders?: Headers }, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void,
    ): void;
    onBeforeRequest(listener: (details: { readonly url: string }, callback: (response: { cancel: boolean }) => void) => void): void;
  };
}

const NETWORK_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);

/** True for a request that would reach the network (anything but app:, data:, blob:, devtools:, file:…). */
export function isNetworkRequest(url: string): boolean {
  try {
    return NETWORK_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** A response's headers with the app's CSP as its only policy (any case of the name replaced). */
export function withAppPolicy(headers: Headers | undefined): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy');
  return { ...Object.fromEntries(kept.map(([name, value]) => [name, Array.isArray(value) ? [...value] : [value]])), 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] };
}

export function lockDownSession(session: GuardableSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withAppPolicy(details.responseHeaders) }));
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: isNetworkRequest(details.url) }));
}
