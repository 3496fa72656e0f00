/**
 * The app frame: a persistent navigation, the open workspace's name, and the current screen.
 * It loads the workspace on start (the demo on first run) and keeps the theme and the route in
 * step with the system and the URL.
 */
import { useEffect, type ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ErrorState, Loading } from './components/States';
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
              title={`${s.label} (Alt+${s.key})`}
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

export function App(): ReactElement {
  const { route, effectiveTheme, workspaceState, workspaceError, workspace } = useStore(
    useShallow((s) => ({ route: s.route, effectiveTheme: s.effectiveTheme, workspaceState: s.workspaceState, workspaceError: s.workspaceError, workspace: s.workspace })),
  );

  useEffect(() => {
    const { loadWorkspace, hashChanged, systemThemeChanged, navigate } = useStore.getState();
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
    </div>
  );
}
