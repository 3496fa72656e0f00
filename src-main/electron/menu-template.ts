/**
 * The native menu as data: a pure function from the shell's callbacks and the platform to a
 * template Electron's Menu.buildFromTemplate accepts (no electron import, so it is unit-tested).
 * Every command the shell owns is one record (id, label, accelerator) in SHELL_COMMANDS; the
 * standard Edit, View and Window items are Electron roles; devtools only when not packaged.
 */

/** The Electron roles this menu uses (a subset of MenuItemConstructorOptions['role']). */
export type MenuRole =
  | 'appMenu' | 'quit' | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'pasteAndMatchStyle' | 'delete' | 'selectAll'
  | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen' | 'toggleDevTools' | 'forceReload' | 'minimize' | 'close' | 'windowMenu';

/** One menu entry, structurally a MenuItemConstructorOptions. */
export interface MenuItemSpec {
  readonly id?: string;
  readonly label?: string;
  readonly accelerator?: string;
  readonly role?: MenuRole;
  readonly type?: 'separator' | 'submenu' | 'normal';
  readonly submenu?: MenuItemSpec[];
  readonly click?: () => void;
}

/** What the shell does for each of its own menu commands. */
export interface MenuCallbacks {
  openWorkspace(): void;
  newWorkspace(): void;
  importFiles(): void;
  exportCurrent(): void;
  reload(): void;
  toggleTheme(): void;
}

export type ShellCommandId = keyof MenuCallbacks;

export interface ShellCommandRecord {
  readonly id: ShellCommandId;
  readonly label: string;
  readonly accelerator?: string;
}

export const SHELL_COMMANDS: Readonly<Record<ShellCommandId, ShellCommandRecord>> = {
  openWorkspace: { id: 'openWorkspace', label: 'Open workspace…', accelerator: 'CmdOrCtrl+O' },
  newWorkspace: { id: 'newWorkspace', label: 'New workspace…', accelerator: 'CmdOrCtrl+Shift+N' },
  importFiles: { id: 'importFiles', label: 'Import files…', accelerator: 'CmdOrCtrl+I' },
  exportCurrent: { id: 'exportCurrent', label: 'Export…', accelerator: 'CmdOrCtrl+E' },
  reload: { id: 'reload', label: 'Reload', accelerator: 'CmdOrCtrl+R' },
  toggleTheme: { id: 'toggleTheme', label: 'Toggle theme', accelerator: 'CmdOrCtrl+Shift+L' },
};

export interface MenuOptions {
  /** process.platform: macOS gets the application menu first and Quit lives there. */
  readonly platform: string;
  /** app.isPackaged: a packaged build has no developer tools item. */
  readonly packaged: boolean;
}

const SEPARATOR: MenuItemSpec = { type: 'separator' };

export function buildMenuTemplate(callbacks: MenuCallbacks, options: MenuOptions): MenuItemSpec[] {
  const mac = options.platform === 'darwin';
  const command = (id: ShellCommandId): MenuItemSpec => {
    const { label, accelerator } = SHELL_COMMANDS[id];
    return { id, label, ...(accelerator ? { accelerator } : {}), click: () => callbacks[id]() };
  };
  const quit: MenuItemSpec = { role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' };

  const file: MenuItemSpec = {
    label: 'File',
    submenu: [
      command('openWorkspace'),
      command('newWorkspace'),
      SEPARATOR,
      command('importFiles'),
      command('exportCurrent'),
      ...(mac ? [] : [SEPARATOR, quit]),
    ],
  };
  const edit: MenuItemSpec = {
    label: 'Edit',
    submenu: [
      { role: 'undo' }, { role: 'redo' }, SEPARATOR,
      { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'pasteAndMatchStyle' }, { role: 'delete' }, SEPARATOR,
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemSpec = {
    label: 'View',
    submenu: [
      command('reload'),
      command('toggleTheme'),
      SEPARATOR,
      { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, SEPARATOR,
      { role: 'togglefullscreen' },
      ...(options.packaged ? [] : [SEPARATOR, { role: 'toggleDevTools' } as const]),
    ],
  };
  const window: MenuItemSpec = { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] };
  return [...(mac ? [{ role: 'appMenu' } as const] : []), file, edit, view, window];
}

/** Every item of a template, depth first (for tests and lookups). */
export function flattenMenu(template: readonly MenuItemSpec[]): MenuItemSpec[] {
  return template.flatMap((item) => [item, ...(item.submenu ? flattenMenu(item.submenu) : [])]);
}
