/**
 * Evidence reports on a hand-made workspace: the HTML is self-contained (no URLs, inline SVG),
 * the KPIs and table values are the ones worked out by hand from the rows below, the manifest
 * holds the source file's sha256 and every panel's hash; verify passes, and after importing one
 * more job it names exactly the panels and the source that changed. CLI and PDF too.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { importFiles } from '../../src-main/core/import/importer';
import { buildReport } from '../../src-main/core/reports/build-report';
import { renderMarkdown } from '../../src-main/core/reports/markdown';
import { findChromium } from '../../src-main/core/reports/pdf';
import { dashboardDefinition } from '../../src-main/core/reports/report-request';
import { resultHash } from '../../src-main/core/reports/result-hash';
import { readManifest, verifyReport } from '../../src-main/core/reports/verify-report';
import { savedPut } from '../../src-main/core/saved';
import { createService } from '../../src-main/core/service';
import type { Workspace } from '../../src-main/core/workspace';
import { EventStream } from '../../src-main/server/event-stream';
import { startServer } from '../../src-main/server/server';
import type { ReportDefinition } from '../../src-shared/reports';
import { tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

// Four jobs: 2 delivered (anthropic), 1 blocked and 1 failed (openai). Count 4, cost
// 0.40 + 0.10 + 0.50 + 0.20 = 1.20, delivered rate 2/4 = 50.0%.
const JOBS = [
  'Job ID,Created At,Status,Provider,Actual Cost',
  'j1,2025-11-01T10:00:00Z,delivered,anthropic,0.40',
  'j2,2025-11-01T12:00:00Z,blocked,openai,0.10',
  'j3,2025-11-02T10:00:00Z,delivered,anthropic,0.50',
  'j4,2025-11-02T11:00:00Z,failed,openai,0.20',
].join('\n');
// One more openai job on a new day: count, cost, rate, per-day and per-provider panels change;
// the anthropic-only table does not.
const MORE = ['Job ID,Created At,Status,Provider,Actual Cost', 'j5,2025-11-03T09:00:00Z,delivered,openai,0.30'].join('\n');

let t: TempDir;
let ws: Workspace;
let def: ReportDefinition;

beforeAll(async () => {
  t = tempDir();
  ws = await tempWorkspace(t);
  writeFileSync(t.path('jobs.csv'), JOBS);
  await importFiles(ws, { dataset: 'jobs', paths: [t.path('jobs.csv')] });
  const view = await savedPut(ws, { kind: 'view', name: 'Jobs by provider', body: { spec: { dataset: 'jobs', measures: ['count'], dimensions: ['provider'] }, chart: 'bar' } });
  def = {
    title: 'Weekly <jobs> review',
    blocks: [
      { type: 'text', markdown: '# Summary\nCosts are **fine**; see [docs](https://example.com/x) <script>alert(1)</script>' },
      { type: 'kpi', title: 'Jobs', spec: { dataset: 'jobs', measures: ['count'] } },
      { type: 'kpi', title: 'Total cost', spec: { dataset: 'jobs', measures: ['sum(cost)'] } },
      { type: 'kpi', title: 'Delivered rate', spec: { dataset: 'jobs', measures: ['rate(status = delivered)'] } },
      { type: 'chart', title: 'Jobs per day', chart: 'line', spec: { dataset: 'jobs', measures: ['count'], time: { grain: 'day' } } },
      { type: 'view', viewId: view.id },
      { type: 'table', title: 'Anthropic by status', spec: { dataset: 'jobs', measures: ['count'], dimensions: ['status'], filters: [{ field: 'provider', op: '=', value: 'anthropic' }] } },
    ],
  };
});
afterAll(() => {
  ws.closeSync();
  t.cleanup();
});


describe('markdown', () => {
  it('escapes everything and shows links as text', () => {
    const html = renderMarkdown('## Hi *there*\n- a `<b>`\n- **b**\n\n1. one\n\n[x](javascript:alert) <img src=x>');
    expect(html).toBe('<h3>Hi <em>there</em></h3>\n<ul><li>a <code>&lt;b&gt;</code></li><li><strong>b</strong></li></ul>\n<ol><li>one</li></ol>\n<p>x &lt;img src=x&gt;</p>');
  });
});

describe('buildReport', () => {
  it('writes one self-contained HTML file with the numbers worked out by hand', async () => {
    const { html, manifest } = await buildReport(ws, def, new Date('2025-11-10T12:00:00Z'));
    writeFileSync(t.path('report.html'), html);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\s(src|href)=/i);
    expect(html).not.toMatch(/<script(?![^>]*type="application\/json")/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).toContain('<div class="label">Jobs</div><div class="value">4</div>');
    expect(html).toContain('<div class="label">Total cost</div><div class="value">1.2</div>');
    expect(html).toContain('<div class="label">Delivered rate</div><div class="value">50.0%</div>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<title>Weekly &lt;jobs&gt; review</title>');

    expect(readManifest(html)).toEqual(manifest);
    const sha = createHash('sha256').update(JOBS).digest('hex');
    expect(manifest).toMatchObject({ format: 1, title: 'Weekly <jobs> review', created_at: '2025-11-10T12:00:00.000Z', workspace: 'ws.tallybook' });
    expect(manifest.sources).toEqual([{ dataset: 'jobs', file: 'jobs.csv', sha256: sha, rows_read: 4 }]);
    expect(manifest.panels.map((p) => [p.index, p.title, p.type, p.rows])).toEqual([
      [1, 'Jobs', 'kpi', 1], [2, 'Total cost', 'kpi', 1], [3, 'Delivered rate', 'kpi', 1],
      [4, 'Jobs per day', 'chart', 2], [5, 'Jobs by provider', 'chart', 2], [6, 'Anthropic by status', 'table', 1],
    ]);
    const countHash = resultHash({ columns: [{ name: 'count', type: 'BIGINT' }], data: [[4]], rowCount: 1 });
    expect(manifest.panels[0]!.sha256).toBe(countHash);
  });

  it('hashes results regardless of row order', () => {
    const cols = [{ name: 'k', type: 'VARCHAR' }, { name: 'n', type: 'BIGINT' }];
    expect(resultHash({ columns: cols, data: [['a', 'b'], [1, 2]], rowCount: 2 })).toBe(resultHash({ columns: cols, data: [['b', 'a'], [2, 1]], rowCount: 2 }));
    expect(resultHash({ columns: cols, data: [['a', 'b'], [1, 2]], rowCount: 2 })).not.toBe(resultHash({ columns: cols, data: [['a', 'b'], [2, 1]], rowCount: 2 }));
  });
});

describe('verifyReport and tallybook report', () => {
  it('passes on an unchanged workspace, through the CLI too', async () => {
    const html = readFileSync(t.path('report.html'), 'utf8');
    const v = await verifyReport(ws, html);
    expect(v.ok).toBe(true);
    expect(v.panels.every((p) => p.status === 'same')).toBe(true);
    expect(v.sources).toEqual([{ dataset: 'jobs', file: 'jobs.csv', status: 'same' }]);
  });

  it('refuses files that are not reports, or whose manifest was cut', async () => {
    await expect(verifyReport(ws, '<html><body>hi</body></html>')).rejects.toThrow('this file is not a Tallybook report');
    const cut = '<script type="application/json" id="tallybook-report">{"format":1,"panels":[null],"sources":[]}</script>';
    await expect(verifyReport(ws, cut)).rejects.toThrow('the report\'s manifest is incomplete');
  });

  it('lists exactly the changed panels and the new source after one more import', async () => {
    writeFileSync(t.path('more.csv'), MORE);
    await importFiles(ws, { dataset: 'jobs', paths: [t.path('more.csv')] });
    const v = await verifyReport(ws, readFileSync(t.path('report.html'), 'utf8'));
    expect(v.ok).toBe(false);
    expect(v.panels.map((p) => [p.title, p.status])).toEqual([
      ['Jobs', 'changed'], ['Total cost', 'changed'], ['Delivered rate', 'changed'],
      ['Jobs per day', 'changed'], ['Jobs by provider', 'changed'], ['Anthropic by status', 'same'],
    ]);
    expect(v.panels[3]).toMatchObject({ rowsBefore: 2, rowsNow: 3 });
    expect(v.sources).toEqual([{ dataset: 'jobs', file: 'jobs.csv', status: 'same' }, { dataset: 'jobs', file: 'more.csv', status: 'new' }]);
  });

  it('writes and verifies through the CLI (exit 1 on changes)', async () => {
    const path = ws.path;
    await savedPut(ws, { kind: 'report', name: 'Weekly', body: def });
    const viewId = (def.blocks[5] as { viewId: string }).viewId;
    await savedPut(ws, { kind: 'dashboard', name: 'Ops board', body: { panels: [{ id: 'p1', viewId, title: 'Providers', w: 6, h: 2 }] } });
    ws.closeSync();
    try {
      const out = t.path('cli.html');
      const w = await cli('report', '-w', path, '-o', out);
      expect(w).toMatchObject({ code: 0, err: '' });
      expect(w.out).toMatch(/Wrote report "Workspace report" \(6 panels, 2 source files\)/);
      // Default report: count 5, cost 1.20 + 0.30 = 1.5, delivered 3/5 = 60.0%.
      const html = readFileSync(out, 'utf8');
      expect(html).toContain('<div class="label">Jobs</div><div class="value">5</div>');
      expect(html).toContain('<div class="label">Total cost</div><div class="value">1.5</div>');
      expect(html).toContain('<div class="label">Delivered rate</div><div class="value">60.0%</div>');
      const ok = await cli('report', '--verify', out, '-w', path);
      expect(ok.code).toBe(0);
      expect(ok.out).toContain('OK: every panel and source matches');
      const old = await cli('report', '--verify', t.path('report.html'), '-w', path, '--json');
      expect(old.code).toBe(1);
      expect(JSON.parse(old.out).panels.filter((p: { status: string }) => p.status === 'changed')).toHaveLength(5);
      const saved = await cli('report', '-w', path, '-o', t.path('saved.html'), '--saved', 'weekly');
      expect(saved.out).toMatch(/Wrote report "Weekly <jobs> review" \(6 panels, 2 source files\)/);
      const board = await cli('report', '-w', path, '-o', t.path('board.html'), '--dashboard', 'Ops board', '--json');
      expect(JSON.parse(board.out)).toMatchObject({ title: 'Ops board', panels: 1, sources: 2 });
      expect(readFileSync(t.path('board.html'), 'utf8')).toContain('<h3>Providers</h3>');
      const missing = await cli('report', '-w', path, '-o', t.path('none.html'), '--saved', 'nope');
      expect(missing.err).toBe('tallybook report: no saved report named "nope" — reports here: Weekly\n');
      const bad = await cli('report', '-w', path, '-o', t.path('x.txt'));
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/^tallybook report: .*write \.html or \.pdf/);
    } finally {
      const { Workspace } = await import('../../src-main/core/workspace');
      ws = await Workspace.open(path);
    }
  });

  it.skipIf(findChromium() === null)('prints a PDF with headless Chromium', async () => {
    const pdf = t.path('report.pdf');
    // The CLI opens the workspace itself: this process holds it once at a time.
    const path = ws.path;
    ws.closeSync();
    const r = await cli('report', '-w', path, '-o', pdf).finally(async () => {
      const { Workspace } = await import('../../src-main/core/workspace');
      ws = await Workspace.open(path);
    });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(pdf) && statSync(pdf).size).toBeGreaterThan(1000);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  }, 90_000);
});

describe('POST /api/report-pdf', () => {
  it.skipIf(findChromium() === null)('streams the report as a PDF attachment', async () => {
    const u = tempDir();
    const service = createService(await tempWorkspace(u), { emit: () => undefined });
    const server = await startServer(service, new EventStream(), { staticDir: u.dir, workDir: u.path('work'), token: 'pdf-token' });
    try {
      writeFileSync(u.path('jobs.csv'), JOBS);
      await service.importFiles({ dataset: 'jobs', paths: [u.path('jobs.csv')] });
      const r = await fetch(`http://127.0.0.1:${server.port}/api/report-pdf`, {
        method: 'POST',
        headers: { Authorization: 'Bearer pdf-token', 'Content-Type': 'application/json' },
        body: JSON.stringify({ definition: { title: 'Jobs', blocks: [{ type: 'kpi', title: 'Jobs', spec: { dataset: 'jobs', measures: ['count'] } }] } }),
      });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/pdf');
      expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="jobs-\d{4}-\d\d-\d\d\.pdf"$/);
      expect(Buffer.from(await r.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await server.close();
      service.closeSync();
      u.cleanup();
    }
  }, 90_000);
});

describe('a saved dashboard with a funnel and a retention view', () => {
  // Sessions: s1 view → cart → checkout, s2 view → cart, s3 view: the funnel is 3, 2, 1.
  // Users: u1 (s1 in week 2025-11-03, s3 in week 2025-11-10), u2 (s2 in week 2025-11-03):
  // cohort 2025-11-03 has 2 users, 1 of them (50%) back in week 1.
  const ev = (id: string, name: string, at: string, session: string, user: string) =>
    JSON.stringify({ event_id: id, event_name: name, occurred_at: at, tenant_id: 't', session_id: session, user_id: user, source: 'web', attributes: {}, context: { consent: { analytics: true } } });
  const EVENTS = [
    ev('e1', 'view', '2025-11-03T10:00:00Z', 's1', 'u1'), ev('e2', 'cart', '2025-11-03T10:01:00Z', 's1', 'u1'), ev('e3', 'checkout', '2025-11-03T10:02:00Z', 's1', 'u1'),
    ev('e4', 'view', '2025-11-04T10:00:00Z', 's2', 'u2'), ev('e5', 'cart', '2025-11-04T10:05:00Z', 's2', 'u2'),
    ev('e6', 'view', '2025-11-11T10:00:00Z', 's3', 'u1'),
  ].join('\n');

  it('becomes a report with the funnel as bars and the cohorts as a table, and verifies', async () => {
    const u = tempDir();
    const shop = await tempWorkspace(u);
    try {
      writeFileSync(u.path('shop.ndjson'), EVENTS + '\n');
      await importFiles(shop, { dataset: 'shop', paths: [u.path('shop.ndjson')] });
      const funnel = await savedPut(shop, { kind: 'view', name: 'Checkout funnel', body: { analysis: 'funnel', request: { dataset: 'shop', steps: ['view', 'cart', 'checkout'], by: 'session' } } });
      const retention = await savedPut(shop, { kind: 'view', name: 'Weekly retention', body: { analysis: 'retention', request: { dataset: 'shop', interval: 'week', cohort: 'first_time', periods: 1, by: 'user' } } });
      const board = await savedPut(shop, { kind: 'dashboard', name: 'Shop', body: { panels: [{ id: 'f', viewId: funnel.id, title: 'Funnel', w: 6, h: 2 }, { id: 'r', viewId: retention.id, title: 'Retention', w: 6, h: 2 }] } });
      const { html, manifest } = await buildReport(shop, await dashboardDefinition(shop, board.id));
      expect(manifest.panels.map((p) => [p.title, p.type, p.analysis, p.rows])).toEqual([['Funnel', 'chart', 'funnel', 3], ['Retention', 'table', 'retention', 1]]);
      expect(html.match(/<svg/g)).toHaveLength(1);
      const funnelRows = [...html.matchAll(/<tr><td class="n">(\d)<\/td><td>(\w+)<\/td><td class="n">(\d)<\/td>/g)].map((m) => [m[1], m[2], m[3]]);
      expect(funnelRows).toEqual([['1', 'view', '3'], ['2', 'cart', '2'], ['3', 'checkout', '1']]);
      expect(html).toMatch(/<td>2025-11-03[^<]*<\/td><td class="n">2<\/td><td class="n">100<\/td><td class="n">50<\/td>/);
      expect((await verifyReport(shop, html)).ok).toBe(true);
    } finally {
      shop.closeSync();
      u.cleanup();
    }
  });
});
