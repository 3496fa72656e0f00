/**
 * The desktop shell, thin and generic: one sandboxed window on the built renderer served from
 * app://tallybook (out/renderer), and one IPC adapter over the engine's TallybookService
 * (src-main/core/service.ts), which owns the workspace: open, create, demo, recent.
 * Invariants, each kept by a pure module wired here: windows get webPreferences only from
 * web-preferences.ts (sandboxed, isolated, no Node); app:// serves only real files of
 * out/renderer with the CSP (app-protocol.ts); the session denies every permission and cancels
 * every network request (session-guard.ts); no contents leaves the app origin or opens a window,
 * and http(s) links go to the system browser only after checks and the user's consent
 * (contents-guard.ts, external-links.ts); IPC runs a service method only for the app's main
 * frame, an allow-listed method and a request of the right shape (ipc-invoke.ts).
 * The native menu (menu-template.ts), its dialogs and launch arguments (shell-actions.ts,
 * launch-args.ts), saving exports (save-export.ts) and the remembered window bounds
 * (window-state.ts) are pure modules wired here. No business logic lives here.
 */
import { app, BrowserWindow, ipcMain, Menu, protocol, session, shell } from 'electron';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceEvents } from '../../src-shared/contract';
import { UserError, describeError, toErrorShape } from '../../src-shared/errors';
import { createService, type EngineService } from '../core/service';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { guardContents } from './contents-guard';
import { askSavePath, confirmOpenLink, pickDataFiles, pickNewWorkspace, pickWorkspace, printHtmlToPdf, showError } from './dialogs';
import { createExternalLinkOpener } from './external-links';
import { createInvokeHandler } from './ipc-invoke';
import { parseLaunchArgs, secondInstanceRequest, type LaunchData, type LaunchRequest } from './launch-args';
import { buildMenuTemplate } from './menu-template';
import { createSaveExport } from './save-export';
import { createSaveReportPdf } from './save-report-pdf';
import { createShellActions } from './shell-actions';
import { createShellChannel } from './shell-channel';
import { APP_ENTRY_URL, APP_SCHEME, EVENT_CHANNEL, INVOKE_CHANNEL, type EventMessage } from './security';
import { lockDownSession } from './session-guard';
import { rememberWindowState, restoredWindowState } from './window-bounds';
import { appWindowPreferences } from './web-preferences';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const RENDERER_ROOT = resolve(HERE, '../renderer');

// Must happen before `ready`: app:// behaves like https (origin, fetch, secure context).
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

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

/** The IPC door (ipc-invoke.ts): sender, method and request shape checked before the engine runs. */
const invoke = createInvokeHandler({
  async service() {
    await opening;
    if (!service) throw new UserError('internal', 'the engine is not started yet');
    return service;
  },
  onAccepted: () => toRenderer.ready(),
});

/** Links leave the app only through this (external-links.ts): checked, confirmed, one at a time. */
const offerLink = createExternalLinkOpener({ confirm: confirmOpenLink, shell });

function createWindow(): BrowserWindow {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const { maximized, ...bounds } = restoredWindowState(stateFile);
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 720,
    minHeight: 480,
    title: 'Tallybook',
    show: false,
    webPreferences: appWindowPreferences(HERE),
  });
  if (maximized) win.maximize();
  rememberWindowState(win, stateFile);
  win.webContents.on('did-start-loading', () => toRenderer.loading());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

function start(): void {
  lockDownSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_ROOT));
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
  app.on('web-contents-created', (_event, contents) => guardContents(contents, offerLink));
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
