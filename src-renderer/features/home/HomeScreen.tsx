/**
 * Home: open or create a workspace by path, the demo, recent workspaces, and the open
 * workspace's datasets as cards with a way to import more.
 */
import type { ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Loading } from '../../components/States';
import { useStore } from '../../store/store';
import { DatasetCards } from './DatasetCards';
import { RecentWorkspaces } from './RecentWorkspaces';
import { WorkspaceOpener } from './WorkspaceOpener';
import './home.css';

function OpenWorkspace(): ReactElement {
  const { workspace, state, navigate } = useStore(useShallow((s) => ({ workspace: s.workspace, state: s.workspaceState, navigate: s.navigate })));
  return (
    <section className="home-current" aria-labelledby="datasets-heading">
      <div className="home-current-head">
        <h2 id="datasets-heading">
          {workspace ? (
            <>
              Datasets in <span title={workspace.path}>{workspace.name}</span>
              {workspace.readOnly ? <span className="badge">read-only</span> : null}
            </>
          ) : (
            'Datasets'
          )}
        </h2>
        {workspace ? (
          <button type="button" disabled={workspace.readOnly} onClick={() => navigate('import')}>
            Import files
          </button>
        ) : null}
      </div>
      {state === 'loading' ? <Loading label="Opening the workspace…" /> : null}
      {state !== 'loading' && workspace ? <DatasetCards /> : null}
      {state !== 'loading' && !workspace ? <p className="muted">Open a workspace above, or the demo, to see its datasets.</p> : null}
    </section>
  );
}

export function HomeScreen(_props: { params: readonly string[] }): ReactElement {
  return (
    <div className="home-screen">
      <h1>Tallybook</h1>
      <div className="home-top">
        <WorkspaceOpener />
        <RecentWorkspaces />
      </div>
      <OpenWorkspace />
    </div>
  );
}
