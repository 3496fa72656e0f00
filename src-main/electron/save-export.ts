/**
 * The desktop app's saveExport (contract.ts): ask where to save — a save dialog proposing the
 * downloads folder + the request's file name, filtered to its format — then write through the
 * engine's exportData; null when the user cancels. The dialog is injected, so this is pure
 * enough to unit-test; main.ts passes Electron's dialog.showSaveDialog.
 */
import { basename, extname, join } from 'node:path';
import type { ExportFormat, ExportRequest, ExportResult, SaveExportRequest } from '../../src-shared/contract';
import { UserError } from '../../src-shared/errors';

export interface FileFilter {
  readonly name: string;
  readonly extensions: string[];
}

export interface SaveDialogRequest {
  readonly title: string;
  readonly defaultPath: string;
  readonly filters: FileFilter[];
}

export interface SaveExportDeps {
  /** Shows the save dialog; resolves to the chosen path, or null when cancelled. */
  askSavePath(req: SaveDialogRequest): Promise<string | null>;
  /** The user's downloads folder (app.getPath('downloads')). */
  readonly downloadsDir: string;
  exportData(req: ExportRequest): Promise<ExportResult>;
}

const FILTERS: Record<ExportFormat, FileFilter> = {
  csv: { name: 'CSV', extensions: ['csv'] },
  json: { name: 'JSON', extensions: ['json'] },
  ndjson: { name: 'Newline-delimited JSON', extensions: ['ndjson', 'jsonl'] },
  parquet: { name: 'Parquet', extensions: ['parquet'] },
};

const BY_EXTENSION: Record<string, ExportFormat> = { '.csv': 'csv', '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.parquet': 'parquet' };

/** The dialog for one request: the file name only (never a folder the renderer chose). */
export function saveDialogFor(req: SaveExportRequest, downloadsDir: string): SaveDialogRequest {
  const fileName = (req as Partial<SaveExportRequest> | undefined)?.fileName;
  if (typeof fileName !== 'string' || fileName.trim() === '') throw new UserError('bad_request', 'saveExport needs a fileName');
  const name = basename(fileName.replaceAll('\\', '/'));
  const format = req.format ?? BY_EXTENSION[extname(name).toLowerCase()];
  const filter = format ? FILTERS[format] : undefined;
  return {
    title: 'Export',
    defaultPath: join(downloadsDir, name),
    filters: filter ? [filter, { name: 'All files', extensions: ['*'] }] : [{ name: 'All files', extensions: ['*'] }],
  };
}

export function createSaveExport(deps: SaveExportDeps): (req: SaveExportRequest) => Promise<ExportResult | null> {
  return async (req) => {
    const dialog = saveDialogFor(req, deps.downloadsDir);
    const path = await deps.askSavePath(dialog);
    if (!path) return null;
    const { fileName: _fileName, ...source } = req;
    return deps.exportData({ ...source, path });
  };
}
