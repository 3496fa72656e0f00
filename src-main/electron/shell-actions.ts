/**
 * What the shell's menu commands and launch arguments do, with the dialogs, the engine and the
 * renderer injected (main.ts passes Electron's), so the flows are unit-tested: open or create a
 * workspace and tell the renderer to reload it, pick files and send the renderer to Import with
 * them, ask the renderer to export or to toggle the theme. Failures become one error dialog.
 */
import { extname } from 'node:path';
import type { ShellCommand } from '../../src-shared/contract';
import type { WorkspaceInfo } from '../../src-shared/datasets';
import { describeError, toErrorShape } from '../../src-shared/errors';
import type { LaunchRequest } from './launch-args';
import type { MenuCallbacks } from './menu-template';
import type { FileFilter } from './save-export';

export const WORKSPACE_FILTERS: FileFilter[] = [
  { name: 'Tallybook workspaces', extensions: ['tallybook', 'duckdb'] },
  { name: 'All files', extensions: ['*'] },
];

export const DATA_FILTERS: FileFilter[] = [
  { name: 'Data files', extensions: ['csv', 'tsv', 'json', 'ndjson', 'jsonl', 'parquet', 'gz'] },
  { name: 'All files', extensions: ['*'] },
];

export interface ShellDeps {
  /** An open dialog for one workspace file; null when cancelled. */
  pickWorkspace(): Promise<string | null>;
  /** A save dialog for a new workspace file; null when cancelled. */
  pickNewWorkspace(): Promise<string | null>;
  /** An open dialog for one or more data files; empty when cancelled. */
  pickDataFiles(): Promise<string[]>;
  openWorkspace(req: { readonly path: string; readonly create?: boolean }): Promise<WorkspaceInfo>;
  /** Delivers a command to the renderer (queued until it listens). */
  send(command: ShellCommand): void;
  reload(): void;
  showError(title: string, message: string): void;
}

/** The menu callbacks resolve when their flow is done (tests wait for them; the menu does not). */
export interface ShellActions extends MenuCallbacks {
  openWorkspace(): Promise<void>;
  newWorkspace(): Promise<void>;
  importFiles(): Promise<void>;
  /** Opens a workspace by path and tells the renderer; resolves false (after an error dialog) on failure. */
  openWorkspaceAt(path: string, create?: boolean): Promise<boolean>;
  /** Acts on a launch's file arguments (first launch or a second instance). */
  handleLaunch(request: LaunchRequest): Promise<void>;
}

/** A new workspace's file name: ".tallybook" added unless it already names a workspace file. */
export function withWorkspaceExtension(path: string): string {
  return /^\.(tallybook|duckdb)$/i.test(extname(path)) ? path : `${path}.tallybook`;
}

export function createShellActions(deps: ShellDeps): ShellActions {
  const openWorkspaceAt = async (path: string, create = false): Promise<boolean> => {
    try {
      await deps.openWorkspace({ path, create });
    } catch (e) {
      deps.showError(create ? 'Cannot create the workspace' : 'Cannot open the workspace', describeError(toErrorShape(e)));
      return false;
    }
    deps.send({ command: 'workspace-opened' });
    return true;
  };
  const importPaths = (paths: readonly string[]) => {
    if (paths.length) deps.send({ command: 'import', paths });
  };
  /** A dialog that fails (rare: no display) becomes the same error dialog as a failed open. */
  const guarded = async (title: string, flow: () => Promise<void>): Promise<void> => {
    try {
      await flow();
    } catch (e) {
      deps.showError(title, describeError(toErrorShape(e)));
    }
  };
  return {
    openWorkspaceAt,
    openWorkspace: () =>
      guarded('Cannot open the workspace', async () => {
        const path = await deps.pickWorkspace();
        if (path) await openWorkspaceAt(path);
      }),
    newWorkspace: () =>
      guarded('Cannot create the workspace', async () => {
        const path = await deps.pickNewWorkspace();
        if (path) await openWorkspaceAt(withWorkspaceExtension(path), true);
      }),
    importFiles: () => guarded('Cannot import', async () => importPaths(await deps.pickDataFiles())),
    exportCurrent: () => deps.send({ command: 'export' }),
    reload: () => deps.reload(),
    toggleTheme: () => deps.send({ command: 'toggle-theme' }),
    async handleLaunch(request) {
      if (request.kind === 'workspace') await openWorkspaceAt(request.path);
      else if (request.kind === 'import') importPaths(request.paths);
    },
  };
}
