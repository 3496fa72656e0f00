/** Recently opened workspaces, newest first; a click opens one. */
import type { ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store/store';

const nameOf = (path: string) => path.split(/[\\/]/).pop() ?? path;

export function RecentWorkspaces(): ReactElement {
  const { recent, current, openWorkspace, busy } = useStore(
    useShallow((s) => ({ recent: s.recent, current: s.workspace?.path, openWorkspace: s.openWorkspace, busy: s.workspaceState === 'loading' })),
  );
  return (
    <section className="card home-recent" aria-labelledby="recent-heading">
      <h2 id="recent-heading">Recent workspaces</h2>
      {recent.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul>
          {recent.map((path) => (
            <li key={path}>
              <button type="button" className="home-recent-item" disabled={busy || path === current} title={path} onClick={() => void openWorkspace(path)}>
                <span className="home-recent-name">{nameOf(path)}</span>
                <span className="muted home-recent-path">{path}</span>
                {path === current ? <span className="badge">open</span> : null}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
