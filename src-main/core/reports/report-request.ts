/**
 * What the UI and the CLI ask for: a report from a definition, a saved report or a saved
 * dashboard (its view panels, in order), or the default report; plus the file name it saves as.
 */
import { UserError } from '../../../src-shared/errors';
import type { ReportDefinition, ReportHtmlRequest, ReportHtmlResult } from '../../../src-shared/reports';
import type { DashboardBody } from '../../../src-shared/saved';
import { savedGet } from '../saved';
import type { Workspace } from '../workspace';
import { buildReport } from './build-report';
import { defaultReport } from './default-report';
import { checkDefinition } from './resolve-blocks';

export async function savedReportDefinition(ws: Workspace, id: string): Promise<ReportDefinition> {
  const item = await savedGet(ws, { id });
  if (item.kind !== 'report') throw new UserError('bad_request', `saved item "${item.name}" is a ${item.kind}, not a report`);
  return checkDefinition(item.body);
}

export async function dashboardDefinition(ws: Workspace, id: string): Promise<ReportDefinition> {
  const item = await savedGet(ws, { id });
  if (item.kind !== 'dashboard') throw new UserError('bad_request', `saved item "${item.name}" is a ${item.kind}, not a dashboard`);
  const panels = (item.body as DashboardBody).panels.filter((p) => p.viewId !== undefined);
  return { title: item.name, blocks: panels.map((p) => ({ type: 'view' as const, viewId: p.viewId!, ...(p.title ? { title: p.title } : {}) })) };
}

export async function requestedDefinition(ws: Workspace, req: ReportHtmlRequest = {}): Promise<ReportDefinition> {
  if (req.definition !== undefined && req.definition !== null) return checkDefinition(req.definition);
  if (req.savedId) return savedReportDefinition(ws, req.savedId);
  if (req.dashboardId) return dashboardDefinition(ws, req.dashboardId);
  return defaultReport(ws);
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'report';

export function reportFileName(title: string, now: Date, ext = 'html'): string {
  return `${slug(title)}-${now.toISOString().slice(0, 10)}.${ext}`;
}

export async function reportHtml(ws: Workspace, req: ReportHtmlRequest = {}): Promise<ReportHtmlResult> {
  const now = new Date();
  const { html, manifest } = await buildReport(ws, await requestedDefinition(ws, req), now);
  return { html, manifest, fileName: reportFileName(manifest.title, now) };
}
