/**
 * Electron's native dialogs for the shell, attached to the app window when there is one: the
 * injected halves of shell-actions.ts (open / new workspace, pick data files, errors) and of
 * save-export.ts (where to save an export), and the question before a link leaves for the browser.
 */
import { app, BrowserWindow, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { join } from 'node:path';
import { DATA_FILTERS, WORKSPACE_FILTERS } from './shell-actions';
import type { SaveDialogRequest } from './save-export';
import { printWindowPreferences } from './web-preferences';

const owner = (): BrowserWindow | undefined => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];

async function open(options: OpenDialogOptions): Promise<string[]> {
  const win = owner();
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

async function save(options: SaveDialogOptions): Promise<string | null> {
  const win = owner();
  const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

export async function pickWorkspace(): Promise<string | null> {
  const [path] = await open({ title: 'Open workspace', properties: ['openFile'], filters: WORKSPACE_FILTERS });
  return path ?? null;
}

export function pickNewWorkspace(): Promise<string | null> {
  return save({
    title: 'New workspace',
    buttonLabel: 'Create',
    defaultPath: join(app.getPath('documents'), 'Untitled.tallybook'),
    filters: WORKSPACE_FILTERS,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
}

export function pickDataFiles(): Promise<string[]> {
  return open({ title: 'Import files', properties: ['openFile', 'multiSelections'], filters: DATA_FILTERS });
}

export function askSavePath(req: SaveDialogRequest): Promise<string | null> {
  return save({ title: req.title, defaultPath: req.defaultPath, filters: req.filters, properties: ['createDirectory', 'showOverwriteConfirmation'] });
}

/** Asks whether to open a link in the system browser (external-links.ts validated it). */
export async function confirmOpenLink(url: string): Promise<boolean> {
  const win = owner();
  const options = {
    type: 'question' as const,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your web browser?',
    detail: url,
  };
  const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  return response === 0;
}

export function showError(title: string, message: string): void {
  const win = owner();
  const options = { type: 'error' as const, title, message: title, detail: message };
  void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

/**
 * Prints a self-contained report to PDF in a hidden, sandboxed window with JavaScript off (the
 * report has none; its CSP forbids every request), then closes the window.
 */
export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const win = new BrowserWindow({ show: false, webPreferences: printWindowPreferences() });
  try {
    await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
    return await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    win.destroy();
  }
}
