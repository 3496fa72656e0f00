/**
 * tallybook report: write a self-contained HTML (or PDF) evidence report — the default report,
 * a saved report or a saved dashboard — or verify one against the workspace (exit 1 when any
 * panel's result or source file changed).
 */
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { UserError } from '../../../src-shared/errors';
import type { ReportVerification } from '../../../src-shared/reports';
import type { SavedKind } from '../../../src-shared/saved';
import { buildReport } from '../../core/reports/build-report';
import { writePdf } from '../../core/reports/pdf';
import { requestedDefinition } from '../../core/reports/report-request';
import { verifyReport } from '../../core/reports/verify-report';
import { savedList } from '../../core/saved';
import type { Workspace } from '../../core/workspace';
import { JSON_FLAG, WORKSPACE, str, withWorkspace, type Command, type Values } from '../command';
import { renderJson, renderTable } from '../format';

async function savedIdByName(ws: Workspace, kind: SavedKind, name: string): Promise<string> {
  const items = await savedList(ws, { kind });
  const hit = items.find((i) => i.id === name) ?? items.find((i) => i.name.toLowerCase() === name.toLowerCase());
  if (!hit) throw new UserError('not_found', `no saved ${kind} named "${name}"`, items.length ? `${kind}s here: ${items.map((i) => i.name).join(', ')}` : `this workspace has no saved ${kind}s`);
  return hit.id;
}

function verificationText(v: ReportVerification): string {
  const col = (name: string, type = 'VARCHAR') => ({ name, type });
  const panels = renderTable({
    columns: [col('panel'), col('status'), col('rows then', 'BIGINT'), col('rows now', 'BIGINT')],
    data: [v.panels.map((p) => p.title), v.panels.map((p) => p.status + (p.error ? `: ${p.error}` : '')), v.panels.map((p) => p.rowsBefore), v.panels.map((p) => p.rowsNow)],
    rowCount: v.panels.length,
  });
  const sources = renderTable({
    columns: [col('dataset'), col('file'), col('status')],
    data: [v.sources.map((s) => s.dataset), v.sources.map((s) => s.file), v.sources.map((s) => s.status)],
    rowCount: v.sources.length,
  });
  const changed = v.panels.filter((p) => p.status !== 'same').length + v.sources.filter((s) => s.status !== 'same').length;
  const verdict = v.ok ? 'OK: every panel and source matches the workspace.' : `CHANGED: ${changed} panel(s) or source(s) differ from the report.`;
  return `Report "${v.title}" (created ${v.created_at})\n\nPanels\n${panels}\nSources\n${sources}\n${verdict}\n`;
}

async function verify(values: Values, file: string, io: { out(s: string): void }): Promise<number> {
  let html: string;
  try {
    html = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserError('unreadable_file', `cannot read ${file}: ${(e as Error).message}`);
  }
  const result = await withWorkspace(values, (ws) => verifyReport(ws, html), {});
  io.out(values.json ? renderJson(result) : verificationText(result));
  return result.ok ? 0 : 1;
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'export a self-contained HTML or PDF report, or verify one against the workspace',
  usage: 'report -w WS -o FILE.html|.pdf [--dashboard NAME] [--saved NAME] [--title TEXT]\n       tallybook report --verify FILE.html -w WS [--json]',
  options: { ...WORKSPACE, ...JSON_FLAG, output: { type: 'string', short: 'o' }, verify: { type: 'string' }, dashboard: { type: 'string' }, saved: { type: 'string' }, title: { type: 'string' } },
  async run({ values, io }) {
    const toVerify = str(values, 'verify');
    if (toVerify !== undefined) return verify(values, toVerify, io);
    const output = str(values, 'output');
    if (!output) throw new UserError('bad_request', 'missing -o FILE.html|.pdf (or --verify FILE.html)', 'e.g. tallybook report -w WS -o report.html');
    const ext = extname(output).toLowerCase();
    if (ext !== '.html' && ext !== '.htm' && ext !== '.pdf') throw new UserError('bad_request', `-o ${output}: write .html or .pdf`);
    const dashboard = str(values, 'dashboard');
    const saved = str(values, 'saved');
    const title = str(values, 'title');
    const { html, manifest } = await withWorkspace(values, async (ws) => {
      const def = await requestedDefinition(ws, {
        ...(dashboard ? { dashboardId: await savedIdByName(ws, 'dashboard', dashboard) } : {}),
        ...(saved ? { savedId: await savedIdByName(ws, 'report', saved) } : {}),
      });
      return buildReport(ws, title ? { ...def, title } : def);
    });
    if (ext === '.pdf') {
      const dir = mkdtempSync(join(tmpdir(), 'tallybook-report-'));
      try {
        const htmlPath = join(dir, 'report.html');
        writeFileSync(htmlPath, html);
        await writePdf(htmlPath, output);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } else writeFileSync(output, html);
    const summary = { path: resolve(output), title: manifest.title, panels: manifest.panels.length, sources: manifest.sources.length };
    io.out(values.json ? renderJson(summary) : `Wrote report "${summary.title}" (${summary.panels} panels, ${summary.sources} source files) to ${summary.path}\n`);
    return 0;
  },
};
