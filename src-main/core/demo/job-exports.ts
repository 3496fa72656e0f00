/**
 * The two seed 002 job exports: the CSV of GET /export/csv (exact headers, RFC 4180 quoting,
 * CRLF line ends as Python's csv module writes them, times as Python isoformat) and the JSON
 * array of GET /export/json (snake_case keys, times as RFC 3339 Z, nulls for what is unknown).
 * Status is spelled the way each export happens to spell it: enum names ("DELIVERED") or
 * title case in the CSV, mostly lower case in the JSON — importers must normalise it.
 * An earlier CSV export and a later JSON export overlap: some jobs appear in both, identically.
 */
import type { DemoJob, JobStatus } from './generate-jobs';
import { type Random, round } from './random';
import { isoPython, isoZ } from './timeline';

export const JOB_CSV_HEADERS = [
  'Job ID',
  'Created At',
  'Status',
  'Publisher',
  'Target URL',
  'Anchor Text',
  'Provider',
  'Strategy',
  'Estimated Cost',
  'Actual Cost',
  'Started At',
  'Completed At',
] as const;

export interface JobExportSplit {
  /** Jobs in the CSV export: the first 60%. */
  readonly csv: readonly DemoJob[];
  /** Jobs in the JSON export: from 45% on (so 15% are in both). */
  readonly json: readonly DemoJob[];
}

export function splitJobExports(jobs: readonly DemoJob[]): JobExportSplit {
  const csvEnd = Math.max(1, Math.round(jobs.length * 0.6));
  const jsonStart = Math.min(Math.round(jobs.length * 0.45), csvEnd - 1);
  return { csv: jobs.slice(0, csvEnd), json: jobs.slice(jsonStart) };
}

const title = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function csvStatus(status: JobStatus, rng: Random): string {
  return rng.chance(0.7) ? status.toUpperCase() : title(status);
}

function jsonStatus(status: JobStatus, rng: Random): string {
  return rng.chance(0.85) ? status : title(status);
}

const pyTime = (ms: number | null) => (ms === null ? null : isoPython(ms));
const zTime = (ms: number | null) => (ms === null ? null : isoZ(ms));

export function jobsCsv(jobs: readonly DemoJob[], rng: Random): string {
  const rows = jobs.map((j) =>
    [
      j.jobId,
      pyTime(j.createdMs),
      csvStatus(j.status, rng),
      j.publisher,
      j.targetUrl,
      j.anchorText,
      j.provider,
      j.strategy,
      j.estimatedCost,
      j.cost,
      pyTime(j.startedMs),
      pyTime(j.completedMs),
    ]
      .map(csvField)
      .join(','),
  );
  return [JOB_CSV_HEADERS.join(','), ...rows].join('\r\n') + '\r\n';
}

export function jobsJson(jobs: readonly DemoJob[], rng: Random): string {
  const records = jobs.map((j) => ({
    job_id: j.jobId,
    created_at: isoZ(j.createdMs),
    status: jsonStatus(j.status, rng),
    provider: j.provider,
    strategy: j.strategy,
    publisher: j.publisher,
    target_url: j.targetUrl,
    anchor_text: j.anchorText,
    estimated_cost: j.estimatedCost,
    cost: j.cost,
    started_at: zTime(j.startedMs),
    completed_at: zTime(j.completedMs),
    generation_seconds: j.startedMs !== null && j.completedMs !== null ? round((j.completedMs - j.startedMs) / 1000, 3) : null,
    qc_score: j.qcScore,
    qc_status: j.qcStatus,
    issue_count: j.issueCount,
    user_id: j.user.id,
    user_email: j.user.email,
  }));
  return JSON.stringify(records, null, 2) + '\n';
}
