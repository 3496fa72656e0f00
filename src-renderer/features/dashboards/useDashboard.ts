/**
 * Everything a dashboard's panels need from the filter bar, resolved: the chosen dataset (one of
 * the workspace's datasets of the dashboard's kinds), its time extent (the watermark anchors
 * relative ranges), the [from, to) window, the grain a chart can show, and the base of every
 * query spec. Restores the bar's saved state when the dashboard opens on a workspace.
 */
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DatasetInfo, DatasetKind } from '../../../src-shared/datasets';
import type { QuerySpec } from '../../../src-shared/query-spec';
import { useStore } from '../../store/store';
import { baseSpec, effectiveGrain, isBounded, resolveWindow, type DashboardFilters, type DashboardGrain, type TimeExtent, type Window } from './filter-model';
import { useFilterStore, type FilterKey } from './filter-store';
import { keyOf } from './useEngine';

export interface DashboardContext {
  readonly info: DatasetInfo;
  readonly filters: DashboardFilters;
  readonly extent: TimeExtent;
  readonly window: Window;
  /** The grain time charts use (coarser than chosen when the window is long). */
  readonly grain: DashboardGrain;
  /** Compare to the previous period: asked for, and the window has one. */
  readonly compare: boolean;
  readonly base: Pick<QuerySpec, 'dataset' | 'time' | 'filters'>;
  /** Part of every cache key: dataset, version and the bar's state. */
  readonly key: string;
  readonly currency: string;
}

export interface DashboardBar {
  readonly filters: DashboardFilters | null;
  readonly candidates: readonly DatasetInfo[];
  readonly update: (patch: Partial<DashboardFilters>) => void;
}

export type DashboardState =
  | { readonly status: 'no-dataset' | 'loading' }
  | { readonly status: 'ready'; readonly data: DashboardContext }
  | { readonly status: 'error'; readonly error: unknown; readonly retry: () => void };

/** The dataset a dashboard opens on: of its first kind if any, the one with the most rows. */
export function preferredDataset(candidates: readonly DatasetInfo[], kinds: readonly DatasetKind[]): DatasetInfo | undefined {
  const rank = (d: DatasetInfo) => kinds.indexOf(d.kind);
  return [...candidates].sort((a, b) => rank(a) - rank(b) || b.rowCount - a.rowCount)[0];
}

/** The filter bar's state for one dashboard, restored for the open workspace. */
export function useDashboardBar(key: FilterKey, kinds: readonly DatasetKind[]): DashboardBar {
  const { workspace, datasets } = useStore(useShallow((s) => ({ workspace: s.workspace, datasets: s.datasets })));
  const slot = useFilterStore((s) => s.filterSlots[key]);
  const candidates = useMemo(() => datasets.filter((d) => kinds.includes(d.kind)), [datasets, kinds]);

  useEffect(() => {
    if (workspace) void useFilterStore.getState().restoreFilters(key, workspace.path);
  }, [key, workspace]);

  const update = useMemo(() => (patch: Partial<DashboardFilters>) => useFilterStore.getState().updateFilters(key, patch), [key]);
  const ready = slot && workspace && slot.workspace === workspace.path && slot.loaded;
  let filters = ready ? slot.filters : null;
  // A stored dataset that is gone (or none yet) falls back to the preferred candidate.
  if (filters && !candidates.some((d) => d.name === filters?.dataset)) filters = { ...filters, dataset: preferredDataset(candidates, kinds)?.name ?? null };
  return { filters, candidates, update };
}

/** The resolved dashboard for the bar's current state. */
export function useDashboard(bar: DashboardBar): DashboardState {
  const { filters, candidates } = bar;
  const currency = useStore((s) => s.settings?.currency ?? 'USD');
  const info = candidates.find((d) => d.name === filters?.dataset);
  return useMemo((): DashboardState => {
    if (!filters) return { status: 'loading' };
    if (!info) return { status: 'no-dataset' };
    const extent: TimeExtent = { min: info.minTime, max: info.maxTime };
    const window = resolveWindow(filters.range, extent);
    const ctx: DashboardContext = {
      info,
      filters,
      extent,
      window,
      grain: effectiveGrain(filters.grain, window, extent),
      compare: filters.compare && isBounded(window),
      base: baseSpec(info.name, window, filters.filters),
      key: keyOf(info.name, info.version, window, filters.filters),
      currency,
    };
    return { status: 'ready', data: ctx };
  }, [filters, info, currency]);
}
