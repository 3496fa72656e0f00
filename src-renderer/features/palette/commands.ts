/**
 * Everything the command palette can do, as records (id, label, group, keys, perform), built by a
 * pure function of what the app knows: the screens, datasets, saved items, recent workspaces and
 * the store's actions. Add a command here and it shows up in the palette.
 */
import { isAnalysisView, type SavedItem, type SavedKind, type SavedViewBody, type ViewAnalysis } from '../../../src-shared/saved';

export type CommandGroup = 'Go to' | 'Workspace' | 'Dataset' | 'Dashboard' | 'View' | 'Report' | 'Appearance' | 'Help';

export interface Command {
  readonly id: string;
  readonly label: string;
  readonly group: CommandGroup;
  /** Extra words the search matches (not shown), e.g. a workspace's full path. */
  readonly keywords?: string;
  /** A secondary line shown muted beside the label. */
  readonly hint?: string;
  /** The shortcut that does the same, shown on the right (e.g. "Alt+4"). */
  readonly keys?: string;
  readonly enabled: boolean;
  readonly perform: () => void;
}

export interface CommandScreen {
  readonly id: string;
  readonly label: string;
  readonly key: string;
}

export interface CommandActions {
  navigate(screen: string, ...params: string[]): void;
  toggleTheme(): void;
  openDemo(): Promise<void>;
  openWorkspace(path: string): Promise<void>;
  showShortcuts(): void;
}

/** What the palette needs of a saved item: a saved view may hold a funnel or a retention table. */
export interface SavedRef {
  readonly id: string;
  readonly kind: SavedKind;
  readonly name: string;
  readonly analysis?: ViewAnalysis;
}

export function savedRef(item: SavedItem): SavedRef {
  const body = item.kind === 'view' ? (item.body as SavedViewBody) : null;
  const analysis = body && isAnalysisView(body) ? body.analysis : undefined;
  return { id: item.id, kind: item.kind, name: item.name, ...(analysis ? { analysis } : {}) };
}

export interface CommandSource {
  readonly screens: readonly CommandScreen[];
  readonly datasets: readonly { readonly name: string }[];
  readonly saved: readonly SavedRef[];
  readonly recent: readonly string[];
  readonly workspace: { readonly path: string; readonly readOnly: boolean } | null;
  readonly effectiveTheme: 'light' | 'dark';
  /** Prefix of modifier shortcuts: "Alt" (or "⌥" on a Mac). */
  readonly altLabel: string;
  readonly actions: CommandActions;
}

/** Where a saved item opens: its screen, with the item's id as the route parameter. */
function savedTarget(item: SavedRef): { readonly screen: string; readonly group: CommandGroup; readonly hint?: string } {
  if (item.kind === 'dashboard') return { screen: 'my-dashboards', group: 'Dashboard' };
  if (item.kind === 'report') return { screen: 'reports', group: 'Report' };
  if (item.analysis === 'funnel') return { screen: 'funnels', group: 'View', hint: 'funnel' };
  if (item.analysis === 'retention') return { screen: 'retention', group: 'View', hint: 'retention' };
  return { screen: 'explore', group: 'View' };
}

/** "/home/me/sales.tallybook" → "sales.tallybook" (as Home and the navigation name it). */
export function workspaceName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

export function buildCommands(src: CommandSource): Command[] {
  const { actions } = src;
  const readOnly = src.workspace?.readOnly ?? false;
  const screens: Command[] = src.screens.map((s) => ({
    id: `screen:${s.id}`,
    label: s.label,
    group: 'Go to',
    ...(s.key ? { keys: `${src.altLabel}+${s.key}` } : {}),
    enabled: true,
    perform: () => actions.navigate(s.id),
  }));
  const general: Command[] = [
    { id: 'import', label: 'Import files…', group: 'Workspace', keywords: 'csv json parquet upload', enabled: !readOnly, perform: () => actions.navigate('import') },
    { id: 'demo', label: 'Open the demo workspace', group: 'Workspace', keywords: 'sample example', enabled: true, perform: () => void actions.openDemo() },
    {
      id: 'theme',
      label: 'Toggle theme',
      group: 'Appearance',
      hint: `switch to ${src.effectiveTheme === 'dark' ? 'light' : 'dark'}`,
      keywords: 'dark light mode colours colors',
      enabled: true,
      perform: () => actions.toggleTheme(),
    },
    { id: 'shortcuts', label: 'Show keyboard shortcuts', group: 'Help', keywords: 'keys help hotkeys', keys: '?', enabled: true, perform: () => actions.showShortcuts() },
  ];
  const datasets: Command[] = src.datasets.map((d) => ({
    id: `dataset:${d.name}`,
    label: `Open ${d.name}`,
    group: 'Dataset',
    enabled: true,
    perform: () => actions.navigate('dataset', d.name),
  }));
  const saved: Command[] = src.saved.map((item) => {
    const target = savedTarget(item);
    return {
      id: `saved:${item.id}`,
      label: `Open ${item.name}`,
      group: target.group,
      ...(target.hint ? { hint: target.hint } : {}),
      enabled: true,
      perform: () => actions.navigate(target.screen, item.id),
    };
  });
  const recent: Command[] = src.recent
    .filter((path) => path !== src.workspace?.path)
    .map((path) => ({
      id: `recent:${path}`,
      label: `Open workspace: ${workspaceName(path)}`,
      group: 'Workspace',
      hint: path,
      keywords: path,
      enabled: true,
      perform: () => void actions.openWorkspace(path),
    }));
  return [...screens, ...general, ...datasets, ...saved, ...recent];
}
