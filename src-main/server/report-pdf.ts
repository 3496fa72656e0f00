/**
 * POST /api/report-pdf {definition? | savedId? | dashboardId?}: the engine builds the report's
 * HTML, headless Chromium prints it to a temporary PDF, which is streamed back as an attachment.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { ReportHtmlRequest } from '../../src-shared/reports';
import { writePdf } from '../core/reports/pdf';
import type { EngineService } from '../core/service';
import { HttpError, readJson, sendFile } from './http-io';

export async function sendReportPdf(req: IncomingMessage, res: ServerResponse, service: EngineService, tmpDir: string): Promise<void> {
  const body = await readJson(req);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'bad_request', 'a report request must be one object');
  const { html, fileName } = await service.reportHtml(body as ReportHtmlRequest);
  const name = fileName.replace(/\.html$/, '.pdf');
  const folder = mkdtempSync(join(tmpDir, 'report-'));
  try {
    writeFileSync(join(folder, 'report.html'), html);
    await writePdf(join(folder, 'report.html'), join(folder, name));
    await sendFile(res, join(folder, name), 'application/pdf', { 'Content-Disposition': `attachment; filename="${name.replaceAll('"', '')}"` });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
