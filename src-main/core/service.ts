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
import { checkParity } from './analyses/rollups';
import { topN } from './analyses/top-n';
import { profileDataset } from './dataset/profile';
import { rowsPage } from './dataset/rows-page';
import { writeDemoWorkspace } from './demo/demo-workspace';
import { exportData } from './export';
import { importFiles } from './import/importer';
import { previewImport } from './import/preview';
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

export interface EngineService extends TallybookService {
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
  const info = (w: Workspace): WorkspaceInfo => ({ path: w.path, name: basename(w.path), readOnly: w.db.readOnly });
  const remember = (path: string) => {
    if (!opts.recentFile) return;
    const list = [path, ...readRecent(opts.recentFile).filter((p) => p !== path)].slice(0, 10);
    mkdirSync(dirname(opts.recentFile), { recursive: true });
    writeFileSync(opts.recentFile, JSON.stringify(list, null, 2));
  };
  const open = async (path: string, create: boolean): Promise<WorkspaceInfo> => {
    if (running) throw new UserError('conflict', 'an import is running', 'wait for it or cancel it before switching workspaces');
    const full = resolve(path);
    if (ws && ws.path === full) return info(ws);
    const next = await Workspace.open(full, { create });
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
    } finally {
      running = null;
    }
  };

  return {
    workspace: async () => (ws ? info(ws) : null),
    openWorkspace: (req) => open(req.path, req.create === true),
    async openDemo() {
      const path = resolve(opts.demoPath ?? '.tmp/demo.tallybook');
      if (!existsSync(path)) await writeDemoWorkspace(path, {});
      return open(path, false);
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
    importFiles: (req) => staging((w, signal) => importFiles(w, req, { signal, onProgress: (p) => emit('importProgress', p) })),
    async cancelImport() {
      running?.abort();
    },
    async rejects(req) {
      const w = current();
      await w.dataset(req.dataset);
      const limit = Math.min(Math.max(1, Math.floor(req.limit ?? 100)), 10_000);
      const offset = Math.max(0, Math.floor(req.offset ?? 0));
      return w.db.columnar(
        `SELECT file, line, reason, raw FROM tallybook.rejects WHERE dataset = ? ORDER BY import_id, file, line LIMIT ${limit} OFFSET ${offset}`,
        [req.dataset],
      );
    },
    sql: (req) => runReadOnlySql(current().db, req.sql),
    sqlPage: (req) => sqlPage(current().db, req),
    sqlComplete: (req) => sqlComplete(current().db, req),
    cancelQuery: async () => ({ cancelled: ws ? cancelConsoleRuns(ws.db) : false }),
    query: (spec) => runQuery(current(), spec),
    preset: (req) => runJobPreset(current(), req),
    funnel: (req) => runFunnel(current(), req),
    funnelDropOff: (req) => funnelDropOff(current(), req),
    retention: (req) => runRetention(current(), req),
    topN: (req) => topN(current(), req),
    engagement: (req) => engagement(current(), req),
    metricSeries: (req) => metricSeries(current(), req),
    derivedRate: (req) => derivedRate(current(), req),
    thresholds: (req) => evaluateThresholds(current(), req.dataset, req.rules),
    check: (req) => checkParity(current(), req.dataset),
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
