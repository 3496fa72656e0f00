/**
 * The desktop shell, thin and generic: one sandboxed window on the built renderer served from
 * app://tallybook (out/renderer), and one IPC adapter over the engine's TallybookService
 * (src-main/core/service.ts), which owns the workspace: open, create, demo, recent.
 * Invariants: the window never leaves the app origin (external http(s) links go to the system
 * browser after the user agrees); every response carries the CSP; every permission request is
 * denied; IPC is accepted only from app frames, only for allow-listed methods (security.ts).
 * The native menu (menu-template.ts), its dialogs and launch arguments (shell-actions.ts,
 * launch-args.ts), saving exports (save-export.ts) and the remembered window bounds
 * (window-state.ts) are pure modules wired here. No business logic lives here.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, shell, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ServiceEvents } from '../../src-shared/contract';
import { UserError, describeError, toErrorShape } from '../../src-shared/errors';
import { createService, type EngineService } from '../core/service';
import { askSavePath, pickDataFiles, pickNewWorkspace, pickWorkspace, printHtmlToPdf, showError } from './dialogs';
import { parseLaunchArgs, secondInstanceRequest, type LaunchData, type LaunchRequest } from './launch-args';
import { buildMenuTemplate } from './menu-template';
import { createSaveExport } from './save-export';
import { createSaveReportPdf } from './save-report-pdf';
import { createShellActions } from './shell-actions';
import { createShellChannel } from './shell-channel';
import { rememberWindowState, restoredWindowState } from './window-bounds';
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

/** Commands for the renderer, held while the page loads (shell-channel.ts). */
const toRenderer = createShellChannel((command) => broadcast('shell', command));

const actions = createShellActions({
  pickWorkspace,
  pickNewWorkspace,
  pickDataFiles,
  async openWorkspace(req) {
    await opening;
    if (!service) throw new UserError('internal', 'the engine is not started yet');
    return service.openWorkspace(req);
  },
  send: (command) => toRenderer.send(command),
  reload: () => BrowserWindow.getAllWindows()[0]?.webContents.reload(),
  showError,
});

/** Launch requests that arrive before the engine starts (macOS open-file), acted on in start(). */
const early: LaunchRequest[] = [];
let started = false;

function handleLaunch(request: LaunchRequest): void {
  if (started) void actions.handleLaunch(request);
  else early.push(request);
}

/** The engine, with no workspace open unless TALLYBOOK_WORKSPACE names one (the Home screen opens one). */
function startService(): void {
  const userData = app.getPath('userData');
  const engine = createService(null, { emit: broadcast, recentFile: join(userData, 'recent-workspaces.json'), demoPath: join(userData, 'demo.tallybook') });
  const path = process.env.TALLYBOOK_WORKSPACE;
  if (path) opening = engine.openWorkspace({ path, create: true }).catch((e: unknown) => console.error(`tallybook: ${describeError(toErrorShape(e))}`));
  // The core service cannot show dialogs: the desktop's saveExport asks where, then exports.
  const saveExport = createSaveExport({ askSavePath, downloadsDir: app.getPath('downloads'), exportData: (req) => engine.exportData(req) });
  const saveReportPdf = createSaveReportPdf({ askSavePath, downloadsDir: app.getPath('downloads'), reportHtml: (req) => engine.reportHtml(req), printPdf: printHtmlToPdf });
  service = { ...engine, saveExport, saveReportPdf };
}

async function invoke(event: IpcMainInvokeEvent, payload: unknown): Promise<InvokeOutcome> {
  try {
    if (!isAppUrl(event.senderFrame?.url ?? '')) throw new UserError('bad_request', 'a request from outside the app was refused');
    const { method, args } = parseInvocation(payload);
    toRenderer.ready();
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
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const { maximized, ...bounds } = restoredWindowState(stateFile);
  const win = new BrowserWindow({
    ...bounds,
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
  if (maximized) win.maximize();
  rememberWindowState(win, stateFile);
  win.webContents.on('did-start-loading', () => toRenderer.loading());
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
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(actions, { platform: process.platform, packaged: app.isPackaged })));
  createWindow();
  started = true;
  for (const request of [parseLaunchArgs(process.argv, process.cwd()), ...early.splice(0)]) void actions.handleLaunch(request);
}

const launchData: LaunchData = { argv: process.argv, cwd: process.cwd() };
if (!app.requestSingleInstanceLock(launchData)) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  // A second launch (`tallybook ws.tallybook`, `tallybook a.csv`) hands its files to this one.
  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    handleLaunch(secondInstanceRequest(argv, workingDirectory, additionalData));
    const [win] = BrowserWindow.getAllWindows();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  // macOS: a file dropped on the Dock icon or opened with the app.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    handleLaunch(parseLaunchArgs(['', path], '/'));
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
