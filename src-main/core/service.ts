/**
 * The engine behind every front door: one TallybookService over the open workspace. Adapters
 * (CLI, Electron IPC, HTTP) only move requests and results; they never reach past this object.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { ServiceEvents, TallybookService } from '../../src-shared/contract';
import type { WorkspaceInfo } from '../../src-shared/datasets';
import { UserError } from '../../src-shared/errors';
import { runFunnel } from './analyses/funnel';
import { funnelDropOff } from './analyses/funnel-drop-off';
import { writeJobExport, type JobExportRequest } from './analyses/job-exports';
import { runJobPreset } from './analyses/job-presets';
import { derivedRate, evaluateThresholds, metricSeries } from './analyses/metrics-series';
import { engagement, runRetention } from './analyses/retention';
import { checkWorkspace } from './analyses/check';
import { topN } from './analyses/top-n';
import { profileDataset } from './dataset/profile';
import { rowsPage } from './dataset/rows-page';
import { writeDemoWorkspace } from './demo/demo-workspace';
import { cachedAnswer } from './answer-cache';
import { exportData } from './export';
import { importFiles } from './import/importer';
import { previewImport } from './import/preview';
import { rebuildWorkspace } from './recovery/rebuild';
import { recordSources } from './recovery/sources-record';
import { runQuery } from './query/run-query';
import { reportHtml } from './reports/report-request';
import { verifyReport } from './reports/verify-report';
import { savedDelete, savedDuplicate, savedGet, savedList, savedPut } from './saved';
import { cancelConsoleRuns } from './sql/console-run';
import { runReadOnlySql } from './sql/read-only';
import { sqlComplete } from './sql/sql-complete';
import { sqlPage } from './sql/sql-page';
import { Workspace } from './workspace';

export type EventSink = <K extends keyof ServiceEvents>(event: K, payload: ServiceEvents[K]) => void;

export interface ServiceOptions {
  readonly emit?: EventSink;
  /** Where the list of recent workspaces is kept (a JSON file). */
  readonly recentFile?: string;
  /** Where the demo workspace lives. */
  readonly demoPath?: string;
}

/** openWorkspace's request; readOnly opens a snapshot when another process is writing the file. */
export interface OpenWorkspaceRequest {
  readonly path: string;
  readonly create?: boolean;
  readonly readOnly?: boolean;
}

export interface EngineService extends TallybookService {
  openWorkspace(req: OpenWorkspaceRequest): Promise<WorkspaceInfo>;
  /** Seed 002's CSV/JSON job export of the open workspace (the REST adapter's file routes). */
  writeJobExport(req: JobExportRequest, path: string): Promise<number>;
  /** Closes the open workspace (on quit). */
  closeSync(): void;
}

function readRecent(file: string | undefined): string[] {
  if (!file || !existsSync(file)) return [];
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function createService(initial: Workspace | null, opts: ServiceOptions = {}): EngineService {
  const emit = opts.emit ?? (() => undefined);
  let ws = initial;
  let running: AbortController | null = null;

  const current = (): Workspace => {
    if (!ws) throw new UserError('not_found', 'no workspace is open', 'open or create one on the Home screen, or open the demo');
    return ws;
  };
  const info = (w: Workspace): WorkspaceInfo => ({ path: w.path, name: `${basename(w.path)}${w.snapshot ? ' (snapshot)' : ''}`, readOnly: w.db.readOnly });
  const remember = (path: string) => {
    if (!opts.recentFile) return;
    const list = [path, ...readRecent(opts.recentFile).filter((p) => p !== path)].slice(0, 10);
    mkdirSync(dirname(opts.recentFile), { recursive: true });
    writeFileSync(opts.recentFile, JSON.stringify(list, null, 2));
  };
  const open = async (req: OpenWorkspaceRequest): Promise<WorkspaceInfo> => {
    if (running) throw new UserError('conflict', 'an import is running', 'wait for it or cancel it before switching workspaces');
    const full = resolve(req.path);
    const readOnly = req.readOnly === true;
    if (ws && ws.path === full) {
      if (readOnly || !ws.db.readOnly) return info(ws);
      // From a read-only view to writing the same file: this process holds it once at a time,
      // and goes back to reading when writing is refused.
      ws.closeSync();
      ws = null;
      try {
        ws = await Workspace.open(full, { create: req.create === true });
      } catch (e) {
        ws = await Workspace.open(full, { readOnly: true }).catch(() => null);
        throw e;
      }
      return info(ws);
    }
    const next = await Workspace.open(full, { create: req.create === true, readOnly });
    ws?.closeSync();
    ws = next;
    remember(full);
    return info(next);
  };
  if (initial) remember(initial.path);

  /** Imports and previews share the workspace's staging tables: one at a time. */
  const staging = async <T>(fn: (w: Workspace, signal: AbortSignal) => Promise<T>): Promise<T> => {
    if (running) throw new UserError('conflict', 'an import or preview is already running', 'wait for it to finish or cancel it');
    const target = current();
    const controller = new AbortController();
    running = controller;
    try {
      return await fn(target, controller.signal);
    } catch (e) {
      // A fatal error (a full disk) stops DuckDB for good; the file keeps what it held: open it afresh.
      if (target.db.invalidated && ws === target) {
        target.closeSync();
        ws = await Workspace.open(target.path, { readOnly: target.db.readOnly }).catch(() => null);
      }
      throw e;
    } finally {
      running = null;
    }
  };

  /** A dataset's answer through the answer cache (answer-cache.ts). */
  const cached = <T,>(method: string, req: { readonly dataset: string }, run: (w: Workspace) => Promise<T>): Promise<T> => {
    const w = current();
    return cachedAnswer(w, method, req, () => run(w));
  };

  return {
    workspace: async () => (ws ? info(ws) : null),
    openWorkspace: (req) => open(req),
    async rebuildWorkspace(req) {
      if (running) throw new UserError('conflict', 'an import is running', 'wait for it or cancel it before rebuilding a workspace');
      const r = await rebuildWorkspace(req.path, { onProgress: (p) => emit('importProgress', p) });
      return {
        workspace: await open({ path: r.workspace }),
        imports: r.imports.length,
        rows_imported: r.imports.reduce((n, i) => n + i.rows_imported, 0),
        skipped: r.skipped.map(({ dataset, path, reason }) => ({ dataset, path, reason })),
        complete: r.complete,
      };
    },
    async openDemo() {
      const path = resolve(opts.demoPath ?? '.tmp/demo.tallybook');
      if (!existsSync(path)) await writeDemoWorkspace(path, {});
      return open({ path });
    },
    recentWorkspaces: async () => readRecent(opts.recentFile).filter((p) => existsSync(p)),
    settings: () => current().settings(),
    updateSettings: (patch) => current().updateSettings(patch),
    getState: (req) => current().getValue(`state:${req.key}`),
    setState: (req) => current().setValue(`state:${req.key}`, req.value),
    profile: (req) => profileDataset(current(), req.dataset),
    rows: (req) => rowsPage(current(), req),
    datasets: () => current().datasets(),
    previewImport: (req) => staging((w) => previewImport(w, req)),
    importFiles: (req) =>
      staging(async (w, signal) => {
        const summary = await importFiles(w, req, { signal, onProgress: (p) => emit('importProgress', p) });
        // Best effort: the import has landed; the record only helps a later rebuild.
        await recordSources(w, summary, req).catch(() => undefined);
        return summary;
      }),
    async cancelImport() {
      running?.abort();
    },
    async rejects(req) {
      const w = current();
      await w.dataset(req.dataset);
      if (![req.limit, req.offset].every((v) => v === undefined || Number.isSafeInteger(v))) throw new UserError('bad_request', 'limit and offset must be whole numbers', 'e.g. limit: 100, offset: 0');
      const limit = Math.min(Math.max(1, req.limit ?? 100), 10_000);
      const offset = Math.max(0, req.offset ?? 0);
      return w.db.columnar(
        `SELECT file, line, reason, raw FROM tallybook.rejects WHERE dataset = ? ORDER BY import_id, file, line LIMIT ${limit} OFFSET ${offset}`,
        [req.dataset],
      );
    },
    sql: (req) => runReadOnlySql(current().db, req.sql),
    sqlPage: (req) => sqlPage(current().db, req),
    sqlComplete: (req) => sqlComplete(current().db, req),
    cancelQuery: async () => ({ cancelled: ws ? cancelConsoleRuns(ws.db) : false }),
    query: (spec) => cached('query', spec, (w) => runQuery(w, spec)),
    preset: (req) => cached('preset', req, (w) => runJobPreset(w, req)),
    funnel: (req) => cached('funnel', req, (w) => runFunnel(w, req)),
    funnelDropOff: (req) => cached('funnelDropOff', req, (w) => funnelDropOff(w, req)),
    retention: (req) => cached('retention', req, (w) => runRetention(w, req)),
    topN: (req) => cached('topN', req, (w) => topN(w, req)),
    engagement: (req) => cached('engagement', req, (w) => engagement(w, req)),
    metricSeries: (req) => cached('metricSeries', req, (w) => metricSeries(w, req)),
    derivedRate: (req) => cached('derivedRate', req, (w) => derivedRate(w, req)),
    thresholds: (req) => evaluateThresholds(current(), req.dataset, req.rules),
    check: (req) => checkWorkspace(current(), req.dataset),
    exportData: (req) => exportData(current(), req),
    async saveExport() {
      throw new UserError('bad_request', 'saving an export needs the desktop app', 'in the browser mode, exports download (POST /api/export)');
    },
    async saveReportPdf() {
      throw new UserError('bad_request', 'printing a report here needs the desktop app', 'in the browser mode use POST /api/report-pdf; on the command line tallybook report -o FILE.pdf');
    },
    savedList: (req) => savedList(current(), req ?? {}),
    savedGet: (req) => savedGet(current(), req),
    savedPut: (req) => savedPut(current(), req),
    savedDelete: (req) => savedDelete(current(), req),
    savedDuplicate: (req) => savedDuplicate(current(), req),
    reportHtml: (req) => reportHtml(current(), req ?? {}),
    reportVerify: (req) => verifyReport(current(), req.html),
    writeJobExport: (req, path) => writeJobExport(current(), req, path),
    closeSync() {
      ws?.closeSync();
      ws = null;
    },
  };
}
