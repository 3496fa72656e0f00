/**
 * Seed 002's job exports (GET /analytics/export/csv and /export/json): the jobs of the report
 * period, newest first. CSV has the seed's column headers ("Job ID" … "Completed At"); JSON is
 * an array of objects with the canonical field names (job_id, status, cost …), so the seed's
 * `jq '.[] | select(.status == "delivered") | .cost'` works. Timestamps are ISO 8601 UTC. The
 * file is written by DuckDB's COPY, never row by row in JS.
 */
import type { PresetRequest } from '../../../src-shared/presets';
import type { Workspace } from '../workspace';
import { quoteIdent, quoteLiteral } from '../identifiers';
import { readPeriod } from './job-presets';

/** [canonical column, CSV header], in the seed's order. */
const COLUMNS: readonly (readonly [string, string])[] = [
  ['job_id', 'Job ID'],
  ['created_at', 'Created At'],
  ['status', 'Status'],
  ['publisher', 'Publisher'],
  ['target_url', 'Target URL'],
  ['anchor_text', 'Anchor Text'],
  ['provider', 'Provider'],
  ['strategy', 'Strategy'],
  ['estimated_cost', 'Estimated Cost'],
  ['cost', 'Actual Cost'],
  ['started_at', 'Started At'],
  ['completed_at', 'Completed At'],
];
const TIMESTAMPS = new Set(['created_at', 'started_at', 'completed_at']);

export type JobExportFormat = 'csv' | 'json';

export interface JobExportRequest extends Pick<PresetRequest, 'dataset' | 'days' | 'now'> {
  readonly format: JobExportFormat;
}

/** `bacowr_jobs_20251109.csv`: the seed's file name, dated by the day of the export (UTC). */
export function jobExportFileName(format: JobExportFormat, today: Date = new Date()): string {
  return `bacowr_jobs_${today.toISOString().slice(0, 10).replaceAll('-', '')}.${format}`;
}

/** Writes the period's jobs to `path`; returns the number of jobs written. */
export async function writeJobExport(ws: Workspace, req: JobExportRequest, path: string): Promise<number> {
  const period = await readPeriod(ws, req, `the ${req.format.toUpperCase()} export`);
  const select = COLUMNS.map(([column, header]) => {
    const value = TIMESTAMPS.has(column) ? `strftime(timezone('UTC', ${quoteIdent(column)}), '%Y-%m-%dT%H:%M:%SZ')` : quoteIdent(column);
    return `${value} AS ${quoteIdent(req.format === 'csv' ? header : column)}`;
  });
  const query = `SELECT ${select.join(', ')} FROM ${period.table.sql} WHERE ${period.inRange.sql} ORDER BY created_at DESC, job_id`;
  const options = req.format === 'csv' ? 'FORMAT csv, HEADER true' : 'FORMAT json, ARRAY true';
  const params = period.inRange.params;
  await ws.db.run(`COPY (${query}) TO ${quoteLiteral(path)} (${options})`, params);
  return Number(await ws.db.value(`SELECT count(*) FROM ${period.table.sql} WHERE ${period.inRange.sql}`, params));
}
