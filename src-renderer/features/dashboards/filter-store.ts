/**
 * The filter bars of the dashboards, one per dashboard key ("filters:jobs", "filters:events"),
 * kept with the workspace: restored with api.getState when a dashboard opens on a workspace and
 * saved with api.setState (debounced) on every change. Written as a slice (createFilterSlice)
 * so it can join the app store; until then it has a small store of its own.
 */
import { create, type StateCreator } from 'zustand';
import { api } from '../../api/client';
import { DEFAULT_FILTERS, readStoredFilters, type DashboardFilters } from './filter-model';

export type FilterKey = 'filters:jobs' | 'filters:events';

export interface FilterSlot {
  /** The workspace the filters were restored from; a different one restores again. */
  readonly workspace: string;
  readonly loaded: boolean;
  readonly filters: DashboardFilters;
}

export interface FilterSlice {
  filterSlots: Partial<Record<FilterKey, FilterSlot>>;
  /** Restores a dashboard's filters for the workspace (once per workspace). */
  restoreFilters(key: FilterKey, workspace: string): Promise<void>;
  /** Changes a dashboard's filters and saves them shortly after. */
  updateFilters(key: FilterKey, patch: Partial<DashboardFilters>): void;
}

const SAVE_DELAY_MS = 400;
const pending = new Map<FilterKey, ReturnType<typeof setTimeout>>();

function saveLater(key: FilterKey, value: DashboardFilters): void {
  clearTimeout(pending.get(key));
  pending.set(
    key,
    setTimeout(() => {
      pending.delete(key);
      // Losing a saved filter bar is harmless: the dashboard still shows what was chosen.
      api.setState({ key, value }).catch(() => undefined);
    }, SAVE_DELAY_MS),
  );
}

export const createFilterSlice: StateCreator<FilterSlice, [], [], FilterSlice> = (set, get) => ({
  filterSlots: {},
  async restoreFilters(key, workspace) {
    const slot = get().filterSlots[key];
    if (slot && slot.workspace === workspace) return;
    set((s) => ({ filterSlots: { ...s.filterSlots, [key]: { workspace, loaded: false, filters: DEFAULT_FILTERS } } }));
    const stored = await api.getState({ key }).catch(() => null);
    set((s) => {
      const current = s.filterSlots[key];
      if (!current || current.workspace !== workspace || current.loaded) return s;
      return { filterSlots: { ...s.filterSlots, [key]: { workspace, loaded: true, filters: readStoredFilters(stored) } } };
    });
  },
  updateFilters(key, patch) {
    const slot = get().filterSlots[key];
    if (!slot) return;
    const filters = { ...slot.filters, ...patch };
    set((s) => ({ filterSlots: { ...s.filterSlots, [key]: { ...slot, loaded: true, filters } } }));
    saveLater(key, filters);
  },
});

export const useFilterStore = create<FilterSlice>()(createFilterSlice);
