/**
 * verifyReport: read the manifest out of a report's HTML, rerun every panel's spec on the
 * workspace and compare result hashes, and compare the sources' files and sha256s with what the
 * catalog holds now. ok only when nothing changed.
 */
import { UserError } from '../../../src-shared/errors';
import { REPORT_MANIFEST_ID, type PanelCheck, type ReportManifest, type ReportSource, type ReportVerification, type SourceCheck } from '../../../src-shared/reports';
import type { Workspace } from '../workspace';
import { runPanelSource, sourceDataset } from './panel-source';
import { resultHash } from './result-hash';
import { reportSources } from './sources';

const MANIFEST = new RegExp(`<script type="application/json" id="${REPORT_MANIFEST_ID}">([\\s\\S]*?)</script>`);

export function readManifest(html: string): ReportManifest {
  const m = MANIFEST.exec(html);
  if (!m) throw new UserError('bad_request', 'this file is not a Tallybook report (no manifest inside)', 'verify the .html file `tallybook report` wrote');
  let manifest: ReportManifest;
  try {
    manifest = JSON.parse(m[1]!) as ReportManifest;
  } catch {
    throw new UserError('bad_request', 'the report\'s manifest is not valid JSON', 'the file may have been edited or cut short');
  }
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const wellFormed = isObject(manifest) && Array.isArray(manifest.panels) && Array.isArray(manifest.sources)
    && manifest.panels.every((p) => isObject(p) && typeof p.sha256 === 'string' && (isObject((p as { spec?: unknown }).spec) || isObject((p as { request?: unknown }).request)))
    && manifest.sources.every(isObject);
  if (!wellFormed) throw new UserError('bad_request', 'the report\'s manifest is incomplete', 'the file may have been edited or cut short');
  if (manifest.format !== 1) {
    throw new UserError('bad_request', `unknown report format ${JSON.stringify(manifest.format)}`, 'this build reads format 1');
  }
  return manifest;
}

async function checkPanel(ws: Workspace, p: ReportManifest['panels'][number]): Promise<PanelCheck> {
  const base = { index: p.index, title: p.title, expected: p.sha256, rowsBefore: p.rows };
  try {
    const result = await runPanelSource(ws, p);
    const actual = resultHash(result);
    return { ...base, status: actual === p.sha256 ? 'same' : 'changed', actual, rowsNow: result.rowCount };
  } catch (e) {
    return { ...base, status: 'error', actual: null, rowsNow: null, error: e instanceof Error ? e.message : String(e) };
  }
}

const key = (s: ReportSource) => `${s.dataset}\u0001${s.file}`;

function checkSources(before: readonly ReportSource[], now: readonly ReportSource[]): SourceCheck[] {
  const exact = new Set(now.map((s) => `${key(s)}\u0001${s.sha256}`));
  const nowFiles = new Set(now.map(key));
  const beforeExact = new Set(before.map((s) => `${key(s)}\u0001${s.sha256}`));
  const beforeFiles = new Set(before.map(key));
  const out: SourceCheck[] = before.map((s) => ({
    dataset: s.dataset,
    file: s.file,
    status: exact.has(`${key(s)}\u0001${s.sha256}`) ? 'same' : nowFiles.has(key(s)) ? 'changed' : 'missing',
  }));
  for (const s of now) {
    if (!beforeExact.has(`${key(s)}\u0001${s.sha256}`) && !beforeFiles.has(key(s))) out.push({ dataset: s.dataset, file: s.file, status: 'new' });
  }
  return out;
}

export async function verifyReport(ws: Workspace, html: string): Promise<ReportVerification> {
  const manifest = readManifest(html);
  const panels: PanelCheck[] = [];
  for (const p of manifest.panels) panels.push(await checkPanel(ws, p));
  const datasets = [...new Set(manifest.panels.map(sourceDataset))].filter((d) => typeof d === 'string').sort();
  const sources = checkSources(manifest.sources, await reportSources(ws, datasets));
  const ok = panels.every((p) => p.status === 'same') && sources.every((s) => s.status === 'same');
  return { ok, title: manifest.title, created_at: manifest.created_at, panels, sources };
}
