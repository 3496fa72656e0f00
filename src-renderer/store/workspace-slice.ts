/** The open workspace, its datasets and settings; every engine call lives in these actions. */
import type { StateCreator } from 'zustand';
import type { DatasetInfo, RebuildSummary, WorkspaceInfo, WorkspaceSettings } from '../../src-shared/datasets';
import { api } from '../api/client';
import type { Store } from './store';

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

export interface WorkspaceSlice {
  workspace: WorkspaceInfo | null;
  datasets: DatasetInfo[];
  settings: WorkspaceSettings | null;
  recent: string[];
  workspaceState: LoadState;
  workspaceError: unknown;
  /** Why the last open or create failed while another workspace stayed open (shown on Home). */
  openError: unknown;
  /** The path the last open asked for (Home offers read-only when it is locked, a rebuild when damaged). */
  openAttempt: string | null;
  /** What the last rebuild did (Home lists the sources it left out). */
  lastRebuild: RebuildSummary | null;
  /** Loads the open workspace; opens the demo when none is open (first run). */
  loadWorkspace(): Promise<void>;
  openWorkspace(path: string, create?: boolean, readOnly?: boolean): Promise<void>;
  rebuildWorkspace(path: string): Promise<void>;
  openDemo(): Promise<void>;
  refreshDatasets(): Promise<void>;
  saveSettings(patch: Partial<WorkspaceSettings>): Promise<void>;
}

export const createWorkspaceSlice: StateCreator<Store, [], [], WorkspaceSlice> = (set, get) => {
  const afterOpen = async (workspace: WorkspaceInfo) => {
    const [datasets, settings, recent] = await Promise.all([api.datasets(), api.settings(), api.recentWorkspaces()]);
    set({ workspace, datasets, settings, recent, workspaceState: 'ready', workspaceError: null, openError: null });
  };
  const guarded = async (fn: () => Promise<void>) => {
    set({ workspaceState: 'loading', workspaceError: null, openError: null });
    try {
      await fn();
    } catch (e) {
      const recent = await api.recentWorkspaces().catch(() => get().recent);
      // The engine keeps the previous workspace open when another fails to open: stay on it.
      if (get().workspace) set({ workspaceState: 'ready', openError: e, recent });
      else set({ workspaceState: 'error', workspaceError: e, recent });
    }
  };
  return {
    workspace: null,
    datasets: [],
    settings: null,
    recent: [],
    workspaceState: 'idle',
    workspaceError: null,
    openError: null,
    openAttempt: null,
    lastRebuild: null,
    loadWorkspace: () =>
      guarded(async () => {
        const current = (await api.workspace()) ?? (await api.openDemo());
        await afterOpen(current);
      }),
    openWorkspace: (path, create = false, readOnly = false) => {
      set({ openAttempt: path });
      return guarded(async () => afterOpen(await api.openWorkspace({ path, create, ...(readOnly ? { readOnly } : {}) })));
    },
    rebuildWorkspace: (path) =>
      guarded(async () => {
        const summary = await api.rebuildWorkspace({ path });
        await afterOpen(summary.workspace);
        set({ lastRebuild: summary });
      }),
    openDemo: () => guarded(async () => afterOpen(await api.openDemo())),
    async refreshDatasets() {
      set({ datasets: await api.datasets() });
    },
    async saveSettings(patch) {
      set({ settings: await api.updateSettings(patch) });
    },
  };
};
