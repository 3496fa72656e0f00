import { describe, expect, it, vi, type Mock } from 'vitest';
import { buildMenuTemplate, flattenMenu, SHELL_COMMANDS, type MenuCallbacks, type MenuItemSpec } from '../../src-main/electron/menu-template';

type Spies = Record<keyof MenuCallbacks, Mock<() => void>>;

function callbacks(): Spies {
  const spy = () => vi.fn<() => void>();
  return { openWorkspace: spy(), newWorkspace: spy(), importFiles: spy(), exportCurrent: spy(), reload: spy(), toggleTheme: spy() };
}

const byLabel = (template: readonly MenuItemSpec[], label: string) => flattenMenu(template).find((i) => i.label === label);
const roles = (template: readonly MenuItemSpec[]) => flattenMenu(template).map((i) => i.role).filter(Boolean);

describe('the native menu', () => {
  it.each([
    ['Open workspace…', 'CmdOrCtrl+O', 'openWorkspace'],
    ['New workspace…', 'CmdOrCtrl+Shift+N', 'newWorkspace'],
    ['Import files…', 'CmdOrCtrl+I', 'importFiles'],
    ['Export…', 'CmdOrCtrl+E', 'exportCurrent'],
    ['Reload', 'CmdOrCtrl+R', 'reload'],
    ['Toggle theme', 'CmdOrCtrl+Shift+L', 'toggleTheme'],
  ] as const)('has "%s" on %s calling %s, and only that', (label, accelerator, callback) => {
    const cb = callbacks();
    const item = byLabel(buildMenuTemplate(cb, { platform: 'linux', packaged: true }), label);
    expect(item?.accelerator).toBe(accelerator);
    item?.click?.();
    expect(cb[callback]).toHaveBeenCalledOnce();
    for (const [name, fn] of Object.entries(cb)) if (name !== callback) expect(fn).not.toHaveBeenCalled();
  });

  it('gives every shell command a distinct accelerator', () => {
    const accelerators = Object.values(SHELL_COMMANDS).map((c) => c.accelerator);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('puts File, Edit, View and Window on Linux and Windows, with Quit (role, Ctrl+Q) at the end of File', () => {
    const template = buildMenuTemplate(callbacks(), { platform: 'win32', packaged: true });
    expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window']);
    const file = template[0]!.submenu!;
    expect(file.map((i) => i.label ?? i.type)).toEqual(['Open workspace…', 'New workspace…', 'separator', 'Import files…', 'Export…', 'separator', 'Quit']);
    expect(file.at(-1)).toMatchObject({ role: 'quit', accelerator: 'CmdOrCtrl+Q' });
  });

  it('has the standard edit and zoom roles', () => {
    const all = roles(buildMenuTemplate(callbacks(), { platform: 'linux', packaged: true }));
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']) expect(all).toContain(role);
  });

  it('offers developer tools only when not packaged', () => {
    expect(roles(buildMenuTemplate(callbacks(), { platform: 'linux', packaged: true }))).not.toContain('toggleDevTools');
    expect(roles(buildMenuTemplate(callbacks(), { platform: 'linux', packaged: false }))).toContain('toggleDevTools');
  });

  it('on macOS starts with the application menu, which holds Quit', () => {
    const template = buildMenuTemplate(callbacks(), { platform: 'darwin', packaged: true });
    expect(template[0]).toEqual({ role: 'appMenu' });
    expect(template[1]!.submenu!.some((i) => i.role === 'quit')).toBe(false);
    expect(byLabel(template, 'Open workspace…')?.accelerator).toBe('CmdOrCtrl+O');
  });
});
