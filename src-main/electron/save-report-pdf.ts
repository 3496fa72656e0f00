/**
 * The desktop app's saveReportPdf (contract.ts): build the report's HTML in the engine, ask where
 * to save (the downloads folder + the report's file name, as .pdf), print it and write the file;
 * null when the user cancels. The dialog and the printer are injected (main.ts passes Electron's
 * save dialog and a hidden window's printToPDF), so this is testable without Electron.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReportHtmlRequest, ReportHtmlResult } from '../../src-shared/reports';
import type { SaveDialogRequest } from './save-export';

export interface SaveReportPdfDeps {
  askSavePath(req: SaveDialogRequest): Promise<string | null>;
  readonly downloadsDir: string;
  reportHtml(req: ReportHtmlRequest): Promise<ReportHtmlResult>;
  /** Prints a self-contained HTML document to PDF bytes. */
  printPdf(html: string): Promise<Uint8Array>;
}

export function createSaveReportPdf(deps: SaveReportPdfDeps): (req: ReportHtmlRequest) => Promise<{ path: string } | null> {
  return async (req) => {
    const { html, fileName } = await deps.reportHtml(req);
    const name = fileName.replace(/\.html?$/i, '') + '.pdf';
    const path = await deps.askSavePath({
      title: 'Export report as PDF',
      defaultPath: join(deps.downloadsDir, name),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (!path) return null;
    await writeFile(path, await deps.printPdf(html));
    return { path };
  };
}
