/**
 * What changes saved dashboards: create, rename, duplicate, delete, copy a built-in dashboard
 * (its views are saved first).
 */
import { useCallback } from 'react';
import type { DatasetInfo } from '../../../src-shared/datasets';
import type { DashboardPanel, SavedItem } from '../../../src-shared/saved';
import { api } from '../../api/client';
import { newPanel } from '../explore/dashboard-panels';
import { useSaved } from '../explore/use-saved';
import { builtinViews, type BuiltinKind } from './builtin-copies';

const TITLES: Record<BuiltinKind, string> = { jobs: 'Jobs dashboard', events: 'Events dashboard' };

/** Saves the built-in dashboard's views and a dashboard of them; null when no dataset fits. */
export async function copyBuiltin(kind: BuiltinKind, datasets: readonly DatasetInfo[]): Promise<SavedItem<'dashboard'> | null> {
  const found = builtinViews(kind, datasets);
  if (!found) return null;
  const panels: DashboardPanel[] = [];
  for (const v of found.views) {
    const saved = await api.savedPut({ kind: 'view', name: `${v.name} (${found.dataset.name})`, body: v.body });
    panels.push({ ...newPanel(saved.id, v.name), w: v.w });
  }
  return (await api.savedPut({ kind: 'dashboard', name: `${TITLES[kind]} (${found.dataset.name}, copy)`, body: { panels } })) as SavedItem<'dashboard'>;
}

export function useDashboards() {
  const boards = useSaved('dashboard');
  const copy = useCallback(async (kind: BuiltinKind, datasets: readonly DatasetInfo[]) => {
    try {
      return await copyBuiltin(kind, datasets);
    } finally {
      boards.reload();
    }
  }, [boards]);
  return { ...boards, copy };
}
