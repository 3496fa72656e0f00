/**
 * The desktop shell, thin and generic: one sandboxed window on the built renderer served from
 * app://tallybook (out/renderer), and one IPC adapter over the engine's TallybookService
 * (src-main/core/service.ts), which owns the workspace: open, create, demo, recent.
 * Invariants: the window never leaves the app origin (external http(s) links go to the system
 * browser after the user agrees); every response carries the CSP; every permission request is
 * denied; IPC is accepted only from app frames, only for allow-listed methods (security.ts).
 * No business logic lives here.
 */
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, shell, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ServiceEvents } from '../../src-shared/contract';
import { UserError, describeError, toErrorShape } from '../../src-shared/errors';
import { createService, type EngineService } from '../core/service';
import {
  APP_ENTRY_URL, APP_SCHEME, CONTENT_SECURITY_POLICY, EVENT_CHANNEL, INVOKE_CHANNEL,
  appUrlToRelativePath, isAppUrl, isExternalWebUrl, parseInvocation,
  type EventMessage, type InvokeOutcome,
} from './security';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const RENDERER_ROOT = resolve(HERE, '../renderer');
const PRELOAD = resolve(HERE, '../preload/index.cjs');

// Must happen before `ready`: app:// behaves like https (origin, fetch, secure context).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);

function withSecurityHeaders(res: Response): Response {
  const headers = new Headers(res.headers);
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

async function serveAppFile(request: Request): Promise<Response> {
  const relative = appUrlToRelativePath(request.url);
  const file = relative === null ? null : join(RENDERER_ROOT, relative);
  if (file === null || !file.startsWith(RENDERER_ROOT + sep)) return withSecurityHeaders(new Response('not found', { status: 404 }));
  try {
    return withSecurityHeaders(await net.fetch(pathToFileURL(file).href));
  } catch {
    return withSecurityHeaders(new Response('not found', { status: 404 }));
  }
}

let service: EngineService | null = null;
/** Settles once the workspace named by TALLYBOOK_WORKSPACE (if any) is open; requests wait for it. */
let opening: Promise<unknown> = Promise.resolve();

function broadcast<K extends keyof ServiceEvents>(event: K, payload: ServiceEvents[K]): void {
  const message: EventMessage<K> = { event, payload };
  for (const win of BrowserWindow.getAllWindows()) win.webContents.send(EVENT_CHANNEL, message);
}

/** The engine, with no workspace open unless TALLYBOOK_WORKSPACE names one (the Home screen opens one). */
function startService(): void {
  const userData = app.getPath('userData');
  const engine = createService(null, { emit: broadcast, recentFile: join(userData, 'recent-workspaces.json'), demoPath: join(userData, 'demo.tallybook') });
  const path = process.env.TALLYBOOK_WORKSPACE;
  if (path) opening = engine.openWorkspace({ path, create: true }).catch((e: unknown) => console.error(`tallybook: ${describeError(toErrorShape(e))}`));
  service = engine;
}

async function invoke(event: IpcMainInvokeEvent, payload: unknown): Promise<InvokeOutcome> {
  try {
    if (!isAppUrl(event.senderFrame?.url ?? '')) throw new UserError('bad_request', 'a request from outside the app was refused');
    const { method, args } = parseInvocation(payload);
    await opening;
    if (!service) throw new UserError('internal', 'the engine is not started yet');
    // Every service method takes at most one plain request object (contract.ts); each checks it.
    const call = service[method] as (req?: Readonly<Record<string, unknown>>) => Promise<unknown>;
    return { ok: true, result: await call.call(service, args) };
  } catch (e) {
    return { ok: false, error: toErrorShape(e) };
  }
}

async function offerExternal(contents: WebContents, url: string): Promise<void> {
  if (!isExternalWebUrl(url)) return;
  const owner = BrowserWindow.fromWebContents(contents);
  const options = {
    type: 'question' as const,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your web browser?',
    detail: url,
  };
  const { response } = owner ? await dialog.showMessageBox(owner, options) : await dialog.showMessageBox(options);
  if (response === 0) await shell.openExternal(url);
}

function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    void offerExternal(contents, url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  // A single-window app: no popups, not even of the app itself; links leave only via the dialog.
  contents.setWindowOpenHandler(({ url }) => {
    void offerExternal(contents, url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 720,
    minHeight: 480,
    title: 'Tallybook',
    show: false,
    webPreferences: {
      preload: PRELOAD,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

function start(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  protocol.handle(APP_SCHEME, serveAppFile);
  startService();
  ipcMain.handle(INVOKE_CHANNEL, invoke);
  createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => service?.closeSync());
  void app.whenReady().then(start);
}
