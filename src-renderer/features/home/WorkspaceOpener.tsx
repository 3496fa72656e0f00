/** Open or create a workspace by its path (the browser mode has no file dialog), or open the demo. */
import { useState, type ReactElement } from 'react';
import { ErrorState } from '../../components/States';
import { useStore } from '../../store/store';

export function WorkspaceOpener(): ReactElement {
  const [path, setPath] = useState('');
  const openWorkspace = useStore((s) => s.openWorkspace);
  const openDemo = useStore((s) => s.openDemo);
  const busy = useStore((s) => s.workspaceState === 'loading');
  const error = useStore((s) => s.openError ?? (s.workspaceState === 'error' ? s.workspaceError : null));
  const attempt = useStore((s) => s.openAttempt);
  const code = (error as { code?: unknown } | null)?.code;
  const locked = code === 'locked' && attempt !== null;
  const damaged = code === 'damaged' && attempt !== null;
  const rebuildWorkspace = useStore((s) => s.rebuildWorkspace);
  const lastRebuild = useStore((s) => s.lastRebuild);
  const trimmed = path.trim();
  return (
    <form
      className="card home-opener"
      aria-label="Open a workspace"
      onSubmit={(e) => {
        e.preventDefault();
        if (trimmed) void openWorkspace(trimmed);
      }}
    >
      <label className="home-path">
        <span className="muted">Workspace file</span>
        <input value={path} placeholder="/home/me/analytics.tallybook" spellCheck={false} onChange={(e) => setPath(e.target.value)} />
      </label>
      <div className="home-opener-actions">
        <button type="submit" className="primary" disabled={!trimmed || busy}>
          Open
        </button>
        <button type="button" disabled={!trimmed || busy} onClick={() => void openWorkspace(trimmed, true)} title="Create the workspace file when it does not exist yet">
          Create
        </button>
        <span className="home-or muted">or</span>
        <button type="button" disabled={busy} onClick={() => void openDemo()}>
          Open the demo workspace
        </button>
      </div>
      {error ? <ErrorState error={error} /> : null}
      {damaged ? (
        <div className="home-opener-actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void rebuildWorkspace(attempt)} title="Import every recorded source file again into a new workspace at this path">
            Rebuild from its sources
          </button>
        </div>
      ) : null}
      {lastRebuild && !error ? (
        <p className="muted" role="status">
          Rebuilt {lastRebuild.workspace.name}: {lastRebuild.imports} import{lastRebuild.imports === 1 ? '' : 's'}, {lastRebuild.rows_imported.toLocaleString('en-US')} rows.
          {lastRebuild.skipped.length ? ` Left out: ${lastRebuild.skipped.map((k) => `${k.path} (${k.reason})`).join(', ')}.` : ' Every recorded source was imported again.'}
        </p>
      ) : null}
      {locked ? (
        <div className="home-opener-actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void openWorkspace(attempt, false, true)} title="Open a copy of its last saved state; nothing you do changes the file">
            Open read-only
          </button>
        </div>
      ) : null}
    </form>
  );
}
