/**
 * What the desktop shell and the window ask of the app: commands from the native menu or a
 * second launch (api.on('shell')), and files dropped on the window. Dropped files become paths
 * (Electron: their place on disk; browser mode: uploaded first), and every set of paths lands
 * on the Import screen prefilled, through `pendingImportPaths`, which the screen takes once.
 */
import type { StateCreator } from 'zustand';
import type { ShellCommand } from '../../src-shared/contract';
import { uploadFile } from '../features/import/upload';
import type { Store } from './store';

export type DropState =
  | { readonly status: 'idle' }
  | { readonly status: 'uploading'; readonly count: number }
  | { readonly status: 'error'; readonly error: unknown };

export interface ShellSlice {
  /** Files waiting for the Import screen to prefill them; null when none. */
  pendingImportPaths: readonly string[] | null;
  /** Uploads of dropped files in the browser mode. */
  drop: DropState;
  /** Goes to Import with these files prefilled. */
  importPaths(paths: readonly string[]): void;
  /** The Import screen takes the pending paths (and clears them). */
  takePendingImportPaths(): readonly string[] | null;
  /** Files dropped on the window: paths on disk (Electron) or uploads (browser), then Import. */
  importDroppedFiles(files: readonly File[]): Promise<void>;
  dismissDropError(): void;
  /** Light ⇄ dark (from "system", the opposite of what shows now). */
  toggleTheme(): void;
  /** Clicks the CSV button of the first export group on screen; without one, goes to Datasets. */
  exportOnScreen(): void;
  handleShellCommand(command: ShellCommand): void;
}

function firstVisibleExportCsv(): HTMLButtonElement | null {
  for (const group of document.querySelectorAll<HTMLElement>('[role="group"][aria-label^="Export "]')) {
    if (group.getClientRects().length === 0) continue;
    const csv = [...group.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'CSV' && !b.disabled);
    if (csv) return csv;
  }
  return null;
}

export const createShellSlice: StateCreator<Store, [], [], ShellSlice> = (set, get) => ({
  pendingImportPaths: null,
  drop: { status: 'idle' },
  importPaths(paths) {
    if (!paths.length) return;
    set({ pendingImportPaths: [...paths] });
    get().navigate('import');
  },
  takePendingImportPaths() {
    const paths = get().pendingImportPaths;
    if (paths) set({ pendingImportPaths: null });
    return paths;
  },
  async importDroppedFiles(files) {
    if (!files.length) return;
    const bridge = window.tallybook;
    if (bridge) {
      get().importPaths(files.map((f) => bridge.pathForFile(f)).filter(Boolean));
      return;
    }
    set({ drop: { status: 'uploading', count: files.length } });
    try {
      const paths: string[] = [];
      for (const file of files) paths.push(await uploadFile(file));
      set({ drop: { status: 'idle' } });
      get().importPaths(paths);
    } catch (error) {
      set({ drop: { status: 'error', error } });
    }
  },
  dismissDropError() {
    set({ drop: { status: 'idle' } });
  },
  toggleTheme() {
    get().setTheme(get().effectiveTheme === 'dark' ? 'light' : 'dark');
  },
  exportOnScreen() {
    const csv = firstVisibleExportCsv();
    if (csv) csv.click();
    else get().navigate('dataset');
  },
  handleShellCommand(command) {
    switch (command.command) {
      case 'workspace-opened':
        void get().loadWorkspace();
        break;
      case 'import':
        get().importPaths(command.paths);
        break;
      case 'export':
        get().exportOnScreen();
        break;
      case 'toggle-theme':
        get().toggleTheme();
        break;
    }
  },
});
