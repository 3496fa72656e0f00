/**
 * The webPreferences of every window the shell creates, built in one place (lint forbids a
 * webPreferences object literal anywhere else). Invariants, whatever the window: a sandboxed
 * renderer with context isolation and no Node, same-origin policy on, no insecure content, no
 * experimental or Blink features, no <webview>, no navigation by dropping a file. The app window's
 * preload is the one built beside the main bundle (out/preload/index.cjs), never a path from
 * elsewhere; the print window has no preload and no JavaScript.
 */
import type { WebPreferences } from 'electron';
import { isAbsolute, resolve } from 'node:path';

/** The built preload, relative to the folder of the main bundle (out/main). */
export const PRELOAD_FROM_MAIN = '../preload/index.cjs';

const LOCKED_DOWN = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const satisfies WebPreferences;

/** The preferences of the app window; `mainBundleDir` is the folder of the running main bundle. */
export function appWindowPreferences(mainBundleDir: string): WebPreferences {
  if (!isAbsolute(mainBundleDir)) throw new Error(`the main bundle folder must be absolute, not ${mainBundleDir}`);
  return { ...LOCKED_DOWN, preload: resolve(mainBundleDir, PRELOAD_FROM_MAIN) };
}

/** The preferences of the hidden window that prints a self-contained report (it has no script). */
export function printWindowPreferences(): WebPreferences {
  return { ...LOCKED_DOWN, javascript: false };
}
