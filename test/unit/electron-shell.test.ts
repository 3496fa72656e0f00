import { describe, expect, it, vi } from 'vitest';
import type { ExportRequest, ShellCommand } from '../../src-shared/contract';
import { UserError } from '../../src-shared/errors';
import { createSaveExport, saveDialogFor } from '../../src-main/electron/save-export';
import { createShellActions, withWorkspaceExtension, type ShellDeps } from '../../src-main/electron/shell-actions';
import { createShellChannel } from '../../src-main/electron/shell-channel';

function deps(overrides: Partial<ShellDeps> = {}) {
  const sent: ShellCommand[] = [];
  const errors: string[] = [];
  const opened: { path: string; create?: boolean }[] = [];
  const d: ShellDeps = {
    pickWorkspace: async () => '/data/shop.tallybook',
    pickNewWorkspace: async () => '/data/fresh',
    pickDataFiles: async () => ['/data/a.csv', '/data/b.parquet'],
    openWorkspace: async (req) => {
      opened.push(req);
      return { path: req.path, name: 'x', readOnly: false };
    },
    send: (c) => void sent.push(c),
    reload: vi.fn(),
    showError: (title, message) => void errors.push(`${title}: ${message}`),
    ...overrides,
  };
  return { d, sent, errors, opened };
}

describe('the shell\'s menu flows', () => {
  it('Open workspace… opens the chosen file, then tells the renderer', async () => {
    const { d, sent, opened } = deps();
    await createShellActions(d).openWorkspace();
    expect(opened).toEqual([{ path: '/data/shop.tallybook', create: false }]);
    expect(sent).toEqual([{ command: 'workspace-opened' }]);
  });

  it('New workspace… creates the file (adding .tallybook) and tells the renderer', async () => {
    const { d, sent, opened } = deps();
    await createShellActions(d).newWorkspace();
    expect(opened).toEqual([{ path: '/data/fresh.tallybook', create: true }]);
    expect(sent).toEqual([{ command: 'workspace-opened' }]);
    expect(withWorkspaceExtension('/a/b.duckdb')).toBe('/a/b.duckdb');
    expect(withWorkspaceExtension('/a/b.TALLYBOOK')).toBe('/a/b.TALLYBOOK');
    expect(withWorkspaceExtension('/a/b.csv')).toBe('/a/b.csv.tallybook');
  });

  it('does nothing when a dialog is cancelled', async () => {
    const { d, sent, opened, errors } = deps({ pickWorkspace: async () => null, pickNewWorkspace: async () => null, pickDataFiles: async () => [] });
    const actions = createShellActions(d);
    await actions.openWorkspace();
    await actions.newWorkspace();
    await actions.importFiles();
    expect([...sent, ...opened, ...errors]).toEqual([]);
  });

  it('shows one error dialog when the workspace cannot be opened, and tells the renderer nothing', async () => {
    const { d, sent, errors } = deps({
      openWorkspace: async () => {
        throw new UserError('not_found', 'no workspace at /data/shop.tallybook', 'check the path');
      },
    });
    expect(await createShellActions(d).openWorkspaceAt('/data/shop.tallybook')).toBe(false);
    expect(sent).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Cannot open the workspace: .*no workspace at \/data\/shop\.tallybook/);
  });

  it('Import files… sends the renderer to Import with the chosen files; Export… and Toggle theme are commands', async () => {
    const { d, sent } = deps();
    const actions = createShellActions(d);
    await actions.importFiles();
    actions.exportCurrent();
    actions.toggleTheme();
    actions.reload();
    expect(sent).toEqual([{ command: 'import', paths: ['/data/a.csv', '/data/b.parquet'] }, { command: 'export' }, { command: 'toggle-theme' }]);
    expect(d.reload).toHaveBeenCalledOnce();
  });

  it('acts on launch requests: a workspace is opened, data files go to Import', async () => {
    const { d, sent, opened } = deps();
    const actions = createShellActions(d);
    await actions.handleLaunch({ kind: 'workspace', path: '/w/a.tallybook' });
    await actions.handleLaunch({ kind: 'import', paths: ['/w/x.csv'] });
    await actions.handleLaunch({ kind: 'none' });
    expect(opened).toEqual([{ path: '/w/a.tallybook', create: false }]);
    expect(sent).toEqual([{ command: 'workspace-opened' }, { command: 'import', paths: ['/w/x.csv'] }]);
  });
});

describe('the shell channel', () => {
  it('holds commands until the renderer listens, then delivers in order; queues again on reload', () => {
    const delivered: ShellCommand[] = [];
    const channel = createShellChannel((c) => void delivered.push(c));
    channel.send({ command: 'export' });
    channel.send({ command: 'toggle-theme' });
    expect(delivered).toEqual([]);
    channel.ready();
    expect(delivered).toEqual([{ command: 'export' }, { command: 'toggle-theme' }]);
    channel.send({ command: 'workspace-opened' });
    expect(delivered).toHaveLength(3);
    channel.loading();
    channel.send({ command: 'import', paths: ['/a.csv'] });
    expect(delivered).toHaveLength(3);
    channel.ready();
    channel.ready();
    expect(delivered).toEqual([{ command: 'export' }, { command: 'toggle-theme' }, { command: 'workspace-opened' }, { command: 'import', paths: ['/a.csv'] }]);
  });
});

describe('saveExport in the desktop app', () => {
  const result = { path: '/home/ana/Downloads/jobs.csv', rows: 3, format: 'csv' as const };

  it('proposes the downloads folder + the file name with a filter for its format, then exports there', async () => {
    const exportData = vi.fn(async (_req: ExportRequest) => result);
    const askSavePath = vi.fn(async () => '/home/ana/Desktop/jobs.csv');
    const save = createSaveExport({ askSavePath, downloadsDir: '/home/ana/Downloads', exportData });
    expect(await save({ dataset: 'jobs', format: 'csv', fileName: 'jobs-20251109-1432.csv' })).toEqual(result);
    expect(askSavePath).toHaveBeenCalledWith({
      title: 'Export',
      defaultPath: '/home/ana/Downloads/jobs-20251109-1432.csv',
      filters: [{ name: 'CSV', extensions: ['csv'] }, { name: 'All files', extensions: ['*'] }],
    });
    expect(exportData).toHaveBeenCalledWith({ dataset: 'jobs', format: 'csv', path: '/home/ana/Desktop/jobs.csv' });
  });

  it('returns null and writes nothing when the user cancels', async () => {
    const exportData = vi.fn(async () => result);
    const save = createSaveExport({ askSavePath: async () => null, downloadsDir: '/d', exportData });
    expect(await save({ sql: 'SELECT 1', fileName: 'q.parquet' })).toBeNull();
    expect(exportData).not.toHaveBeenCalled();
  });

  it('takes the format from the extension, keeps only the file name, and refuses a request without one', () => {
    expect(saveDialogFor({ dataset: 'e', fileName: 'e.parquet' }, '/d').filters[0]).toEqual({ name: 'Parquet', extensions: ['parquet'] });
    expect(saveDialogFor({ dataset: 'e', fileName: '../../etc/x.json' }, '/d').defaultPath).toBe('/d/x.json');
    expect(saveDialogFor({ dataset: 'e', fileName: '..\\evil\\x.ndjson' }, '/d')).toMatchObject({ defaultPath: '/d/x.ndjson', filters: [{ name: 'Newline-delimited JSON' }, { name: 'All files' }] });
    expect(saveDialogFor({ dataset: 'e', fileName: 'noext' }, '/d').filters).toEqual([{ name: 'All files', extensions: ['*'] }]);
    expect(() => saveDialogFor({ dataset: 'e', fileName: ' ' }, '/d')).toThrow(UserError);
    expect(() => saveDialogFor(undefined as never, '/d')).toThrow(UserError);
  });
});
