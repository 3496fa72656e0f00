/**
 * My dashboards: the saved dashboards of the workspace (`#/my-dashboards`) and one of them open
 * (`#/my-dashboards/<id>`), panels drawn from saved views; "Edit view" opens a panel's view on
 * its screen (Explore, Funnels or Retention).
 */
import { useEffect, type ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ErrorState, Loading } from '../../components/States';
import { useStore } from '../../store/store';
import { useOpenView } from '../explore/open-view';
import { useSavedItem } from '../explore/use-saved';
import { DashboardList } from './DashboardList';
import { DashboardView } from './DashboardView';
import { useDashboards } from './use-dashboard-actions';
import '../explore/explore.css';
import './saved-dashboards.css';

export const SCREEN_ID = 'my-dashboards';

export function DashboardsScreen({ params }: { params: readonly string[] }): ReactElement {
  const { datasets, workspace, navigate } = useStore(useShallow((s) => ({ datasets: s.datasets, workspace: s.workspace, navigate: s.navigate })));
  const boards = useDashboards();
  const openView = useOpenView();
  const id = params[0] ?? null;
  const open = useSavedItem<'dashboard'>(id);
  const readOnly = workspace?.readOnly ?? false;
  const { reload } = boards;
  useEffect(() => {
    if (id === null) reload();
  }, [id, reload]);
  if (!workspace) return <Loading label="Opening the workspace…" />;
  if (id === null) {
    return (
      <div className="sd-screen">
        <h1>My dashboards</h1>
        <DashboardList boards={boards} datasets={datasets} readOnly={readOnly} onOpen={(b) => navigate(SCREEN_ID, b)} />
      </div>
    );
  }
  return (
    <div className="sd-screen">
      <div className="sd-head">
        <button type="button" className="link" onClick={() => navigate(SCREEN_ID)}>← My dashboards</button>
        <h1>{open.status === 'ready' ? open.item.name : 'Dashboard'}</h1>
      </div>
      {open.status === 'error' ? <ErrorState error={open.error} /> : open.status === 'ready' ? (
        <DashboardView board={open.item} boards={boards} readOnly={readOnly} onEditView={openView} />
      ) : <Loading />}
    </div>
  );
}
