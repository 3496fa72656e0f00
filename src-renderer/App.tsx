/**
 * The app frame: a persistent navigation, the open workspace's name, and the current screen.
 * It loads the workspace on start (the demo on first run) and keeps the theme and the route in
 * step with the system and the URL. It also takes the desktop shell's commands (api.on('shell'):
 * menu, dialogs, a second launch) and files dropped anywhere on the window (→ Import).
 */
import { useEffect, useState, type CSSProperties, type ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { api, errorText } from './api/client';
import { ErrorState, Loading } from './components/States';
import { CommandPalette } from './features/palette/CommandPalette';
import { SCREENS } from './features/screens';
import { useStore } from './store/store';

function Navigation(): ReactElement {
  const { route, navigate, workspace } = useStore(useShallow((s) => ({ route: s.route, navigate: s.navigate, workspace: s.workspace })));
  return (
    <nav className="nav" aria-label="Screens">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">▦</span> Tallybook
      </div>
      <ul>
        {SCREENS.map((s) => (
          <li key={s.id}>
            <a
              href={`#/${s.id}`}
              aria-current={route.screen === s.id ? 'page' : undefined}
              title={s.key ? `${s.label} (Alt+${s.key})` : s.label}
              onClick={(e) => {
                e.preventDefault();
                navigate(s.id);
              }}
            >
              {s.label}
            </a>
          </li>
        ))}
      </ul>
      <div className="nav-footer" title={workspace?.path}>
        {workspace ? (
          <>
            <span className="muted">Workspace</span>
            <span className="workspace-name">{workspace.name}</span>
            {workspace.readOnly ? <span className="badge">read-only</span> : null}
          </>
        ) : (
          <span className="muted">No workspace open</span>
        )}
      </div>
    </nav>
  );
}

const hasFiles = (e: DragEvent): boolean => e.dataTransfer?.types.includes('Files') ?? false;
/** A file input handles its own drops (the Import screen's picker). */
const onFileInput = (e: DragEvent): boolean => e.target instanceof HTMLInputElement && e.target.type === 'file';

/** Window-level drag and drop of files: true while files are dragged over the window. */
function useFileDrop(): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e) || onFileInput(e)) return;
      e.preventDefault(); // allows the drop (and keeps the browser from opening the file)
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      depth = 0;
      setDragging(false);
      if (!hasFiles(e) || onFileInput(e) || e.defaultPrevented) return;
      e.preventDefault();
      void useStore.getState().importDroppedFiles([...(e.dataTransfer?.files ?? [])]);
    };
    addEventListener('dragenter', enter);
    addEventListener('dragleave', leave);
    addEventListener('dragover', over);
    addEventListener('drop', drop);
    return () => {
      removeEventListener('dragenter', enter);
      removeEventListener('dragleave', leave);
      removeEventListener('dragover', over);
      removeEventListener('drop', drop);
    };
  }, []);
  return dragging;
}

const OVERLAY: CSSProperties = {
  position: 'fixed', inset: 0, zIndex: 1000, display: 'grid', placeItems: 'center', pointerEvents: 'none',
  background: 'color-mix(in srgb, var(--bg) 80%, transparent)',
};
const OVERLAY_CARD: CSSProperties = {
  padding: '2rem 3rem', border: '2px dashed var(--accent)', borderRadius: 12, background: 'var(--card)', color: 'var(--fg)', fontSize: '1.1rem', textAlign: 'center',
};
const DROP_STATUS: CSSProperties = {
  position: 'fixed', right: 16, bottom: 16, zIndex: 1000, maxWidth: 420, padding: '0.75rem 1rem', display: 'flex', gap: '0.75rem', alignItems: 'center',
  border: '1px solid var(--border)', borderRadius: 8, background: 'var(--card)', color: 'var(--fg)', boxShadow: '0 4px 16px rgb(0 0 0 / 0.2)',
};

/** While files are dragged over the window: where they will go. */
function DropOverlay(): ReactElement {
  return (
    <div style={OVERLAY} data-testid="drop-overlay" aria-hidden="true">
      <div style={OVERLAY_CARD}>
        <strong>Drop files to import</strong>
        <div className="muted">CSV, TSV, JSON, NDJSON or Parquet (optionally .gz)</div>
      </div>
    </div>
  );
}

/** Uploading dropped files (browser mode), or why it failed. */
function DropStatus(): ReactElement | null {
  const drop = useStore((s) => s.drop);
  if (drop.status === 'idle') return null;
  if (drop.status === 'uploading') {
    return (
      <div style={DROP_STATUS} role="status">
        Uploading {drop.count} file{drop.count === 1 ? '' : 's'}…
      </div>
    );
  }
  return (
    <div style={{ ...DROP_STATUS, borderColor: 'var(--bad)' }} role="alert">
      <span>{errorText(drop.error).message}</span>
      <button type="button" onClick={() => useStore.getState().dismissDropError()}>
        Dismiss
      </button>
    </div>
  );
}

export function App(): ReactElement {
  const { route, effectiveTheme, workspaceState, workspaceError, workspace } = useStore(
    useShallow((s) => ({ route: s.route, effectiveTheme: s.effectiveTheme, workspaceState: s.workspaceState, workspaceError: s.workspaceError, workspace: s.workspace })),
  );

  const dragging = useFileDrop();

  useEffect(() => {
    const { loadWorkspace, hashChanged, systemThemeChanged, navigate, handleShellCommand } = useStore.getState();
    // Only the desktop shell sends commands; subscribe before the first request (it flushes them).
    const offShell = window.tallybook ? api.on('shell', handleShellCommand) : () => undefined;
    void loadWorkspace();
    const onHash = () => hashChanged(location.hash);
    const media = matchMedia('(prefers-color-scheme: dark)');
    const onMedia = (e: MediaQueryListEvent) => systemThemeChanged(e.matches);
    const onKey = (e: KeyboardEvent) => {
      const screen = e.altKey && !e.ctrlKey && !e.metaKey ? SCREENS.find((s) => s.key === e.key) : undefined;
      if (screen) {
        e.preventDefault();
        navigate(screen.id);
      }
    };
    addEventListener('hashchange', onHash);
    media.addEventListener('change', onMedia);
    addEventListener('keydown', onKey);
    return () => {
      offShell();
      removeEventListener('hashchange', onHash);
      media.removeEventListener('change', onMedia);
      removeEventListener('keydown', onKey);
    };
  }, []);

  useEffect(() => {
    document.documentElement.dataset.theme = effectiveTheme;
  }, [effectiveTheme]);

  const screen = SCREENS.find((s) => s.id === route.screen) ?? SCREENS[0]!;
  const Component = screen.component;
  const needsWorkspace = screen.id !== 'home' && screen.id !== 'settings';
  let content: ReactElement;
  if (needsWorkspace && workspaceState === 'loading') content = <Loading label="Opening the workspace…" />;
  else if (needsWorkspace && workspaceState === 'error') content = <ErrorState error={workspaceError} onRetry={() => void useStore.getState().loadWorkspace()} />;
  else if (needsWorkspace && !workspace && workspaceState !== 'idle') content = <Loading />;
  else content = <Component params={route.params} />;

  return (
    <div className="app">
      <Navigation />
      <main className="screen" data-screen={screen.id}>
        {content}
      </main>
      {dragging ? <DropOverlay /> : null}
      <DropStatus />
      <CommandPalette />
    </div>
  );
}
