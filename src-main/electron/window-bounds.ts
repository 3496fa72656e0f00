/**
 * The window's remembered bounds, wired to Electron: the options to create it with (the saved
 * state clamped to the displays present now, primary first) and the listeners that save it —
 * debounced on resize and move, at once on close. The logic is in window-state.ts.
 */
import { screen, type BrowserWindow } from 'electron';
import { captureWindowState, clampWindowState, type Rect, type WindowState } from './window-state';
import { debounce, readWindowState, writeWindowState } from './window-state-file';

const SAVE_DELAY_MS = 500;

function workAreas(): Rect[] {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
}

/** The bounds to open the window with, from `file` (userData/window-state.json). */
export function restoredWindowState(file: string): WindowState {
  return clampWindowState(readWindowState(file), workAreas());
}

/** Keeps `file` up to date with the window's normal bounds and maximized flag. */
export function rememberWindowState(win: BrowserWindow, file: string): void {
  const write = () => {
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    try {
      writeWindowState(file, captureWindowState(win.getNormalBounds(), win.isMaximized()));
    } catch (e) {
      console.error(`tallybook: cannot save the window state: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const later = debounce(write, SAVE_DELAY_MS);
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('close', () => {
    later.cancel();
    write();
  });
}
