/**
 * Seed 002's REST API over a workspace's jobs dataset, so the seed's curl, Python and JavaScript
 * clients work unchanged: GET /api/v1/analytics (overview), /analytics/cost-breakdown,
 * /analytics/performance, /analytics/time-series, /analytics/export/csv, /analytics/export/json.
 * Parameters: the seed's `days` and `interval`, plus `dataset=NAME` (default: the workspace's
 * first jobs dataset) and `now` (ISO 8601; default: the dataset's latest created_at).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Interval, JobPresetName } from '../../src-shared/presets';
import { jobExportFileName, type JobExportFormat } from '../core/analyses/job-exports';
import type { EngineService } from '../core/service';
import { HttpError, sendFile, sendJson } from './http-io';

export const REST_PREFIX = '/api/v1/analytics';

const REPORTS: Record<string, JobPresetName> = {
  '': 'overview',
  '/cost-breakdown': 'cost-breakdown',
  '/performance': 'performance',
  '/time-series': 'time-series',
};
const EXPORTS: Record<string, JobExportFormat> = { '/export/csv': 'csv', '/export/json': 'json' };
const PARAMS = new Set(['days', 'interval', 'dataset', 'now']);

interface Params {
  readonly dataset: string;
  readonly days?: number;
  readonly interval?: string;
  readonly now?: string;
}

async function readParams(service: EngineService, query: URLSearchParams): Promise<Params> {
  for (const key of query.keys()) {
    if (!PARAMS.has(key)) throw new HttpError(400, 'bad_request', `unknown parameter "${key}"`, 'use days, interval, dataset or now');
  }
  const days = query.get('days');
  if (days !== null && !/^[0-9]{1,6}$/.test(days)) throw new HttpError(400, 'bad_request', `days must be a whole number, not "${days.slice(0, 40)}"`, 'e.g. days=30');
  let dataset = query.get('dataset');
  if (dataset === null) {
    dataset = (await service.datasets()).find((d) => d.kind === 'jobs')?.name ?? null;
    if (dataset === null) throw new HttpError(404, 'not_found', 'this workspace has no jobs dataset', 'import a seed 002 export first: tallybook import -w WS -n jobs FILE.csv');
  }
  const interval = query.get('interval');
  const now = query.get('now');
  return { dataset, ...(days !== null ? { days: Number(days) } : {}), ...(interval !== null ? { interval } : {}), ...(now !== null ? { now } : {}) };
}

/** Answers a REST request whose path starts with REST_PREFIX; 404 for other sub-paths. */
export async function handleRest(res: ServerResponse, service: EngineService, path: string, query: URLSearchParams, tmpDir: string): Promise<void> {
  const sub = path.slice(REST_PREFIX.length).replace(/\/$/, '');
  const preset = REPORTS[sub];
  const format = EXPORTS[sub];
  if (preset === undefined && format === undefined) throw new HttpError(404, 'not_found', `no such endpoint: ${path}`, `see ${REST_PREFIX}, /cost-breakdown, /performance, /time-series, /export/csv, /export/json`);
  const params = await readParams(service, query);
  if (preset !== undefined) {
    // The engine checks days, interval and now, and names what is wrong.
    const { interval, ...rest } = params;
    sendJson(res, 200, await service.preset({ ...rest, preset, ...(interval !== undefined ? { interval: interval as Interval } : {}) }));
    return;
  }
  const name = jobExportFileName(format!);
  const folder = mkdtempSync(join(tmpDir, 'rest-'));
  try {
    const file = join(folder, name);
    await service.writeJobExport({ dataset: params.dataset, format: format!, ...(params.days !== undefined ? { days: params.days } : {}), ...(params.now !== undefined ? { now: params.now } : {}) }, file);
    await sendFile(res, file, format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json', { 'Content-Disposition': `attachment; filename="${name}"` });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
