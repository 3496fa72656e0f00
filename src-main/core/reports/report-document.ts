/**
 * The report as one self-contained HTML document: inline CSS only, a Content-Security-Policy
 * that forbids every fetch, no script but the JSON manifest, charts as inline SVG with their
 * data in a <details> table, KPI cards, tables, text, and the sources' fingerprints at the end.
 */
import type { ColumnarResult } from '../../../src-shared/columnar';
import { REPORT_MANIFEST_ID, type ReportManifest } from '../../../src-shared/reports';
import { escapeHtml, scriptJson } from './html-escape';
import { formatValue } from './format-value';
import { renderMarkdown } from './markdown';

/** Rows a report table shows; the hash always covers the full result. */
export const MAX_TABLE_ROWS = 500;

export type RenderedBlock =
  | { readonly type: 'text'; readonly markdown: string }
  | { readonly type: 'kpi'; readonly title: string; readonly result: ColumnarResult; readonly sha256: string; readonly measure: string }
  | { readonly type: 'table'; readonly title: string; readonly result: ColumnarResult; readonly sha256: string }
  | { readonly type: 'chart'; readonly title: string; readonly result: ColumnarResult; readonly sha256: string; readonly svg: string | null };

const CSS = `
:root{color-scheme:light;--fg:#1b1f24;--muted:#5f6b7a;--border:#d9dee5;--card:#f7f9fb;--accent:#2f6fdb}
*{box-sizing:border-box}body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:#fff;margin:0 auto;max-width:840px;padding:32px 24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}h3{font-size:15px;margin:20px 0 6px}
.meta{color:var(--muted);margin:0 0 24px}.block{margin:0 0 24px;break-inside:avoid}
.kpis{display:flex;flex-wrap:wrap;gap:12px;margin:0 0 24px}.kpi{flex:1 1 180px;max-width:260px;border:1px solid var(--border);border-radius:8px;background:var(--card);padding:12px 16px;break-inside:avoid}
.kpi .label{color:var(--muted);font-size:12px}.kpi .value{font-size:26px;font-weight:600;font-variant-numeric:tabular-nums}
.chart svg{max-width:100%;height:auto;display:block}
table{border-collapse:collapse;width:100%;font-size:12px;font-variant-numeric:tabular-nums}th,td{border-bottom:1px solid var(--border);padding:4px 8px;text-align:left;vertical-align:top}
td.n,th.n{text-align:right}th{background:var(--card)}details{margin-top:6px}summary{cursor:pointer;color:var(--muted)}
.hash{font-family:ui-monospace,monospace;font-size:11px;color:var(--muted);word-break:break-all}
code{font-family:ui-monospace,monospace;background:var(--card);padding:0 3px;border-radius:3px}
.note{color:var(--muted);font-size:12px}
@media print{body{padding:0}details{display:block}details>summary{display:none}}
`;

const NUMERIC = /INT|DOUBLE|DECIMAL|FLOAT|REAL|NUMERIC/i;

function table(result: ColumnarResult): string {
  const cols = result.columns;
  const head = cols.map((c) => `<th${NUMERIC.test(c.type) ? ' class="n"' : ''}>${escapeHtml(c.name)}</th>`).join('');
  const shown = Math.min(result.rowCount, MAX_TABLE_ROWS);
  const body: string[] = [];
  for (let r = 0; r < shown; r++) {
    body.push(`<tr>${cols.map((c, i) => `<td${NUMERIC.test(c.type) ? ' class="n"' : ''}>${escapeHtml(formatValue(result.data[i]?.[r], c.name))}</td>`).join('')}</tr>`);
  }
  const more = result.rowCount > shown ? `<p class="note">${(result.rowCount - shown).toLocaleString('en-US')} more rows not shown (the hash covers all ${result.rowCount.toLocaleString('en-US')}).</p>` : '';
  return `<table><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>${more}`;
}

const hashLine = (sha: string) => `<div class="hash">result sha256 ${sha}</div>`;

function kpiCard(b: Extract<RenderedBlock, { type: 'kpi' }>): string {
  const i = b.result.columns.findIndex((c) => c.name === b.measure);
  const value = i < 0 || b.result.rowCount === 0 ? '—' : formatValue(b.result.data[i]?.[0], b.measure);
  return `<div class="kpi" data-sha256="${b.sha256}"><div class="label">${escapeHtml(b.title)}</div><div class="value">${escapeHtml(value)}</div></div>`;
}

function block(b: Exclude<RenderedBlock, { type: 'kpi' }>): string {
  if (b.type === 'text') return `<section class="block text">${renderMarkdown(b.markdown)}</section>`;
  const title = `<h3>${escapeHtml(b.title)}</h3>`;
  if (b.type === 'table') return `<section class="block table">${title}${table(b.result)}${hashLine(b.sha256)}</section>`;
  const picture = b.svg === null ? '<p class="note">No rows.</p>' : `<div class="chart">${b.svg}</div>`;
  return `<section class="block chart">${title}${picture}<details><summary>Data (${b.result.rowCount} rows)</summary>${table(b.result)}</details>${hashLine(b.sha256)}</section>`;
}

/** Consecutive KPI blocks share one row of cards. */
function body(blocks: readonly RenderedBlock[]): string {
  const out: string[] = [];
  let kpis: string[] = [];
  const flush = () => {
    if (kpis.length) out.push(`<div class="kpis">${kpis.join('')}</div>`);
    kpis = [];
  };
  for (const b of blocks) {
    if (b.type === 'kpi') kpis.push(kpiCard(b));
    else {
      flush();
      out.push(block(b));
    }
  }
  flush();
  return out.join('\n');
}

function sourcesSection(m: ReportManifest): string {
  const rows = m.sources
    .map((s) => `<tr><td>${escapeHtml(s.dataset)}</td><td>${escapeHtml(s.file)}</td><td class="n">${s.rows_read ?? '—'}</td><td class="hash">${escapeHtml(s.sha256 ?? '—')}</td></tr>`)
    .join('');
  const panels = m.panels.map((p) => `<tr><td>${escapeHtml(p.title)}</td><td>${p.type}</td><td class="n">${p.rows}</td><td class="hash">${p.sha256}</td></tr>`).join('');
  return `<section class="block sources"><h2>Sources and fingerprints</h2>
<p class="note">Check this report against its workspace: <code>tallybook report --verify FILE.html -w ${escapeHtml(m.workspace)}</code></p>
<table><thead><tr><th>dataset</th><th>file</th><th class="n">rows read</th><th>sha256</th></tr></thead><tbody>${rows || '<tr><td colspan="4">No imported files.</td></tr>'}</tbody></table>
<h3>Panels</h3><table><thead><tr><th>panel</th><th>type</th><th class="n">rows</th><th>result sha256</th></tr></thead><tbody>${panels}</tbody></table></section>`;
}

export function reportDocument(manifest: ReportManifest, blocks: readonly RenderedBlock[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Tallybook">
<title>${escapeHtml(manifest.title)}</title>
<style>${CSS}</style>
<script type="application/json" id="${REPORT_MANIFEST_ID}">${scriptJson(manifest)}</script>
</head><body>
<h1>${escapeHtml(manifest.title)}</h1>
<p class="meta">Created ${escapeHtml(manifest.created_at.slice(0, 16).replace('T', ' '))} UTC from workspace ${escapeHtml(manifest.workspace)} · ${manifest.panels.length} panels · ${manifest.sources.length} source files</p>
${body(blocks)}
${sourcesSection(manifest)}
</body></html>
`;
}
