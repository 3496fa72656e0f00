/**
 * The navigation, new-window, webview, link, permission and network guards, driven through
 * stand-ins for WebContents, Session and the shell: forged URLs never leave the app, nothing is
 * granted, and a link reaches the system browser only when it is plain http(s) and the user agreed.
 */
import { describe, expect, it } from 'vitest';
import { guardContents, type GuardableContents, type NavigationEvent } from '../../src-main/electron/contents-guard';
import { createExternalLinkOpener } from '../../src-main/electron/external-links';
import { CONTENT_SECURITY_POLICY } from '../../src-main/electron/security';
import { isNetworkRequest, lockDownSession, withAppPolicy, type GuardableSession } from '../../src-main/electron/session-guard';

type Listener = (event: NavigationEvent) => void;

/** A WebContents stand-in: records listeners and the window-open handler, fires events. */
class FakeContents implements GuardableContents {
  readonly listeners = new Map<string, Listener[]>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  /** Fires `name` and says whether a listener cancelled it. */
  fire(name: string, url: string, isMainFrame?: boolean): boolean {
    let prevented = false;
    const event = { url, ...(isMainFrame === undefined ? {} : { isMainFrame }), preventDefault: () => void (prevented = true) };
    for (const listener of this.listeners.get(name) ?? []) listener(event);
    return prevented;
  }
}

/** An opener over a stand-in shell and a dialog that answers `agree`. */
function opener(agree = true) {
  const asked: string[] = [];
  const opened: string[] = [];
  const open = createExternalLinkOpener({
    confirm: async (url) => (asked.push(url), agree),
    shell: { openExternal: async (url) => void opened.push(url) },
  });
  return { open, asked, opened };
}

function guarded(agree = true) {
  const contents = new FakeContents();
  const links = opener(agree);
  const offered: string[] = [];
  guardContents(contents, (url) => (offered.push(url), links.open(url)));
  return { contents, offered, ...links };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

const FORGED = ['file:///etc/passwd', 'javascript:alert(1)', 'app://evil/index.html', 'data:text/html,<h1>x', 'chrome://settings', 'https://user:pw@example.com/'];

describe('navigation', () => {
  it('lets the main frame move within the app only', () => {
    const { contents, offered } = guarded();
    expect(contents.fire('will-navigate', 'app://tallybook/index.html#/sql')).toBe(false);
    for (const url of ['https://example.com/docs', ...FORGED]) expect(contents.fire('will-navigate', url), url).toBe(true);
    expect(offered).toEqual(['https://example.com/docs', ...FORGED]);
  });

  it('opens in the system browser only the plain web link, once the user agreed', async () => {
    const { contents, asked, opened } = guarded();
    for (const url of ['https://example.com/docs', ...FORGED]) {
      contents.fire('will-navigate', url);
      await settle();
    }
    expect(asked).toEqual(['https://example.com/docs']);
    expect(opened).toEqual(['https://example.com/docs']);
  });

  it('keeps subframes and redirects inside the app', () => {
    const { contents, offered } = guarded();
    expect(contents.fire('will-frame-navigate', 'app://tallybook/frame.html', false)).toBe(false);
    expect(contents.fire('will-frame-navigate', 'https://evil.example/', false)).toBe(true);
    // The main frame's navigations are will-navigate's to judge (and offer).
    expect(contents.fire('will-frame-navigate', 'https://example.com/', true)).toBe(false);
    expect(contents.fire('will-redirect', 'app://tallybook/index.html')).toBe(false);
    for (const url of ['https://evil.example/', ...FORGED]) expect(contents.fire('will-redirect', url), url).toBe(true);
    expect(offered).toEqual([]);
  });

  it('never attaches a <webview>', () => {
    const { contents } = guarded();
    expect(contents.fire('will-attach-webview', 'https://example.com/')).toBe(true);
  });
});

describe('new windows', () => {
  it('denies every window, the app\'s own included, and offers only web links to the browser', async () => {
    const { contents, asked, opened } = guarded();
    for (const url of ['app://tallybook/index.html', 'https://example.com/a', 'about:blank', ...FORGED]) {
      expect(contents.openHandler?.({ url }), url).toEqual({ action: 'deny' });
      await settle();
    }
    expect(asked).toEqual(['https://example.com/a']);
    expect(opened).toEqual(['https://example.com/a']);
  });

  it('opens nothing when the user declines', async () => {
    const { contents, asked, opened } = guarded(false);
    contents.openHandler?.({ url: 'https://example.com/a' });
    await settle();
    expect(asked).toEqual(['https://example.com/a']);
    expect(opened).toEqual([]);
  });
});

describe('external links', () => {
  it('asks once at a time: links arriving while the question is open are dropped', async () => {
    let answer: (yes: boolean) => void = () => undefined;
    const opened: string[] = [];
    const open = createExternalLinkOpener({
      confirm: () => new Promise((resolve) => (answer = resolve)),
      shell: { openExternal: async (url) => void opened.push(url) },
    });
    const first = open('https://example.com/1');
    expect(await open('https://example.com/2')).toBe(false);
    answer(true);
    expect(await first).toBe(true);
    expect(opened).toEqual(['https://example.com/1']);
    const third = open('https://example.com/3');
    answer(false);
    expect(await third).toBe(false);
    expect(opened).toEqual(['https://example.com/1']);
  });

  it('hands the browser the normalised URL it asked about', async () => {
    const { open, asked, opened } = opener();
    expect(await open('HTTPS://Example.COM/a b?q=1')).toBe(true);
    expect(asked).toEqual(['https://example.com/a%20b?q=1']);
    expect(opened).toEqual(asked);
  });
});

/** A Session stand-in recording what lockDownSession installs. */
function lockedSession() {
  const installed: {
    request?: Parameters<GuardableSession['setPermissionRequestHandler']>[0];
    check?: Parameters<GuardableSession['setPermissionCheckHandler']>[0];
    device?: Parameters<GuardableSession['setDevicePermissionHandler']>[0];
    headers?: Parameters<GuardableSession['webRequest']['onHeadersReceived']>[0];
    before?: Parameters<GuardableSession['webRequest']['onBeforeRequest']>[0];
  } = {};
  lockDownSession({
    setPermissionRequestHandler: (h) => void (installed.request = h),
    setPermissionCheckHandler: (h) => void (installed.check = h),
    setDevicePermissionHandler: (h) => void (installed.device = h),
    webRequest: {
      onHeadersReceived: (l) => void (installed.headers = l),
      onBeforeRequest: (l) => void (installed.before = l),
    },
  });
  return installed;
}

const PERMISSIONS = ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb', 'midiSysex', 'pointerLock', 'unknown'];

describe('the session', () => {
  it('denies every permission request, check and device request', () => {
    const s = lockedSession();
    for (const permission of PERMISSIONS) {
      const answers: boolean[] = [];
      s.request?.({}, permission, (granted) => void answers.push(granted));
      expect(answers, permission).toEqual([false]);
      expect(s.check?.({}, permission), permission).toBe(false);
    }
    expect(s.device?.()).toBe(false);
  });

  it('puts the app\'s CSP on every response, replacing the one a response brought', () => {
    const s = lockedSession();
    const seen: Record<string, string[]>[] = [];
    s.headers?.({ responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-eval' https:"], 'Content-Type': 'text/html' } }, (r) => void seen.push(r.responseHeaders));
    s.headers?.({}, (r) => void seen.push(r.responseHeaders));
    expect(seen).toEqual([
      { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
      { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    ]);
    expect(withAppPolicy({ 'CONTENT-Security-Policy': 'x', Etag: ['1'] })).toEqual({ Etag: ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('cancels every request that would reach the network, loopback included, and nothing of the app', () => {
    const s = lockedSession();
    const verdict = (url: string) => {
      let cancel: boolean | undefined;
      s.before?.({ url }, (r) => void (cancel = r.cancel));
      return cancel;
    };
    for (const url of ['https://cdn.example/x.js', 'http://127.0.0.1:8080/api', 'ws://localhost/socket', 'wss://example.com/', 'ftp://example.com/f']) {
      expect(verdict(url), url).toBe(true);
    }
    for (const url of ['app://tallybook/index.html', 'app://tallybook/assets/a.js', 'data:text/html,x', 'blob:app://tallybook/1', 'devtools://devtools/x']) {
      expect(verdict(url), url).toBe(false);
    }
    expect(isNetworkRequest('not a url')).toBe(false);
  });
});
