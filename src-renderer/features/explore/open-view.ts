/**
 * Where a saved view opens: a query view in Explore (`#/explore/<id>`), a funnel in Funnels and
 * a retention table in Retention (`#/funnels/<id>`, `#/retention/<id>`); and a hook that opens a
 * view known only by its id (dashboard panels' "Edit view").
 */
import { useCallback } from 'react';
import { isAnalysisView, type SavedViewBody } from '../../../src-shared/saved';
import { api } from '../../api/client';
import { useStore } from '../../store/store';

export type ViewScreen = 'explore' | 'funnels' | 'retention';

export function viewScreen(body: SavedViewBody): ViewScreen {
  if (!isAnalysisView(body)) return 'explore';
  return body.analysis === 'funnel' ? 'funnels' : 'retention';
}

/** Opens the saved view `id` on its screen (Explore, which shows the error, if it cannot be read). */
export function useOpenView(): (id: string) => void {
  const navigate = useStore((s) => s.navigate);
  return useCallback(
    (id: string) => {
      api.savedGet({ id }).then(
        (item) => navigate(viewScreen(item.body as SavedViewBody), id),
        () => navigate('explore', id),
      );
    },
    [navigate],
  );
}
