/**
 * Seed 002 (BACOWR) job reports with the seed's exact shapes: overview, cost-breakdown,
 * performance and time-series. The range is created_at in [now − days, now], both ends included,
 * where now defaults to the dataset's watermark (its latest created_at) so that an old export
 * still shows its last 30 days. Money, rates and averages are rounded to 2 decimals, as the seed
 * prints them; a missing provider, strategy, status or QC status counts as "unknown"; rates are
 * percentages (0 when nothing is in range); avg_cost_per_job is the group's total cost over its job
 * count, as in the seed (30.00 over 100 jobs = 0.30), so a job without a cost counts as 0. Time-series buckets are UTC and dense: a day, week
 * (ISO, from Monday) or month without jobs is a point with zeros.
 */
import { UserError } from '../../../src-shared/errors';
import {
  INTERVALS,
  JOB_PRESETS,
  type CostBreakdown,
  type CostGroup,
  type ExpensiveJob,
  type GenerationTime,
  type Interval,
  type Overview,
  type Performance,
  type JobPresetName,
  type PresetRequest,
  type PresetResult,
  type PresetResults,
  type TimeSeries,
} from '../../../src-shared/presets';
import type { CellValue } from '../../../src-shared/columnar';
import type { Workspace } from '../workspace';
import { ident, raw, sql, type Fragment } from '../query/fragment';
import { formatInstant, parseInstant } from '../query/instant';
import { requireKind, shown } from './inputs';

const DEFAULT_DAYS = 30;
const MAX_DAYS = 36_500;
const MOST_EXPENSIVE = 10;
const MICROS_PER_DAY = 86_400_000_000n;

export interface Period {
  readonly table: Fragment;
  /** created_at within the period. */
  readonly inRange: Fragment;
  readonly start: string;
  readonly end: string;
  readonly days: number;
}

/** Runs one seed 002 report on a jobs dataset. */
export async function runJobPreset<P extends JobPresetName>(ws: Workspace, req: PresetRequest & { preset: P }): Promise<PresetResults[P]>;
export async function runJobPreset(ws: Workspace, req: PresetRequest): Promise<PresetResult>;
export async function runJobPreset(ws: Workspace, req: PresetRequest): Promise<PresetResult> {
  if (!(JOB_PRESETS as readonly unknown[]).includes(req.preset)) {
    throw new UserError('bad_request', `unknown preset "${shown(req.preset)}"`, `use one of ${JOB_PRESETS.join(', ')}`);
  }
  const period = await readPeriod(ws, req, `the ${req.preset} report`);
  switch (req.preset) {
    case 'overview':
      return overview(ws, period);
    case 'cost-breakdown':
      return costBreakdown(ws, period);
    case 'performance':
      return performance(ws, period);
    case 'time-series':
      return timeSeries(ws, period, readInterval(req.interval));
  }
}

function readDays(days: unknown): number {
  if (days === undefined) return DEFAULT_DAYS;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    throw new UserError('bad_request', `days must be a whole number from 1 to ${MAX_DAYS}, got ${shown(days)}`, 'e.g. days=30');
  }
  return days;
}

function readInterval(interval: unknown): Interval {
  if (interval === undefined) return 'day';
  if (!(INTERVALS as readonly unknown[]).includes(interval)) {
    throw new UserError('bad_request', `interval must be one of ${INTERVALS.join(', ')}, got ${shown(interval)}`, 'e.g. interval=week');
  }
  return interval as Interval;
}

/** The jobs dataset and its [now − days, now] range; `what` names the report in errors. */
export async function readPeriod(ws: Workspace, req: Pick<PresetRequest, 'dataset' | 'days' | 'now'>, what: string): Promise<Period> {
  const info = await requireKind(ws, req.dataset, ['jobs'], what);
  const days = readDays(req.days);
  const table = ident(info.name);
  let end: bigint | null;
  if (req.now === undefined) {
    const latest = await ws.db.value(sql`SELECT max(created_at) FROM ${table}`.sql);
    end = typeof latest === 'string' ? parseInstant(latest) : null;
    if (end === null) end = BigInt(Date.now()) * 1000n;
  } else {
    end = typeof req.now === 'string' ? parseInstant(req.now) : null;
    if (end === null) throw new UserError('bad_request', `now "${shown(req.now)}" is not a timestamp`, 'use ISO 8601, e.g. 2025-11-09T00:00:00Z');
  }
  const start = formatInstant(end - BigInt(days) * MICROS_PER_DAY);
  const endText = formatInstant(end);
  const inRange = sql`created_at BETWEEN CAST(${start} AS TIMESTAMPTZ) AND CAST(${endText} AS TIMESTAMPTZ)`;
  return { table, inRange, start, end: endText, days };
}

const num = (v: CellValue): number => (typeof v === 'number' ? v : v === null ? 0 : Number(v));
const text = (v: CellValue): string | null => (v === null ? null : String(v));
/** Two decimals, as the seed prints money, rates and averages. */
const round2 = (v: CellValue): number => Math.round(num(v) * 100) / 100;
const keyOf = (v: CellValue): string => text(v) ?? 'unknown';
const rate = (part: CellValue, whole: CellValue): number => (num(whole) === 0 ? 0 : round2((num(part) * 100) / num(whole)));

/** {key: count} for one column, largest first, with null as "unknown". */
async function countsBy(ws: Workspace, p: Period, column: string): Promise<Record<string, number>> {
  const q = sql`SELECT ${ident(column)} AS k, count(*) AS n FROM ${p.table} WHERE ${p.inRange} GROUP BY 1 ORDER BY n DESC, k NULLS LAST`;
  const out: Record<string, number> = {};
  for (const r of await ws.db.rows(q.sql, q.params)) out[keyOf(r.k ?? null)] = num(r.n ?? null);
  return out;
}

async function costBy(ws: Workspace, p: Period, column: string): Promise<Record<string, CostGroup>> {
  const q = sql`
    SELECT ${ident(column)} AS k, coalesce(sum(cost), 0) AS total, count(*) AS n
    FROM ${p.table} WHERE ${p.inRange} GROUP BY 1 ORDER BY total DESC, k NULLS LAST`;
  const out: Record<string, CostGroup> = {};
  for (const r of await ws.db.rows(q.sql, q.params)) {
    const total = num(r.total ?? null);
    const jobs = num(r.n ?? null);
    out[keyOf(r.k ?? null)] = { total_cost: round2(total), avg_cost_per_job: jobs === 0 ? 0 : round2(total / jobs), job_count: jobs };
  }
  return out;
}

async function totals(ws: Workspace, p: Period): Promise<Record<string, CellValue>> {
  const q = sql`
    SELECT count(*) AS jobs, count(*) FILTER (WHERE status = 'delivered') AS delivered,
           coalesce(sum(cost), 0) AS cost,
           avg(generation_seconds) FILTER (WHERE started_at IS NOT NULL AND completed_at IS NOT NULL) AS gen,
           avg(qc_score) AS qc, avg(issue_count) AS issues
    FROM ${p.table} WHERE ${p.inRange}`;
  return (await ws.db.rows(q.sql, q.params))[0] ?? {};
}

async function overview(ws: Workspace, p: Period): Promise<Overview> {
  const t = await totals(ws, p);
  return {
    total_jobs: num(t.jobs ?? null),
    jobs_by_status: await countsBy(ws, p, 'status'),
    jobs_by_provider: await countsBy(ws, p, 'provider'),
    jobs_by_strategy: await countsBy(ws, p, 'strategy'),
    total_cost: round2(t.cost ?? null),
    avg_generation_time: round2(t.gen ?? null),
    success_rate: rate(t.delivered ?? null, t.jobs ?? null),
    period_start: p.start,
    period_end: p.end,
  };
}

async function costBreakdown(ws: Workspace, p: Period): Promise<CostBreakdown> {
  const t = await totals(ws, p);
  const q = sql`
    SELECT job_id, cost, provider, strategy, created_at, status FROM ${p.table}
    WHERE ${p.inRange} AND cost IS NOT NULL ORDER BY cost DESC, created_at DESC, job_id LIMIT ${MOST_EXPENSIVE}`;
  const most_expensive_jobs: ExpensiveJob[] = (await ws.db.rows(q.sql, q.params)).map((r) => ({
    job_id: String(r.job_id),
    cost: round2(r.cost ?? null),
    provider: text(r.provider ?? null),
    strategy: text(r.strategy ?? null),
    created_at: String(r.created_at),
    status: text(r.status ?? null),
  }));
  return {
    total_cost: round2(t.cost ?? null),
    cost_by_provider: await costBy(ws, p, 'provider'),
    cost_by_strategy: await costBy(ws, p, 'strategy'),
    most_expensive_jobs,
    period_days: p.days,
  };
}

async function performance(ws: Workspace, p: Period): Promise<Performance> {
  const t = await totals(ws, p);
  const q = sql`
    SELECT provider AS k, avg(generation_seconds) AS mean, min(generation_seconds) AS lo, max(generation_seconds) AS hi, count(*) AS n
    FROM ${p.table} WHERE ${p.inRange} AND generation_seconds IS NOT NULL AND started_at IS NOT NULL AND completed_at IS NOT NULL
    GROUP BY 1 ORDER BY n DESC, k NULLS LAST`;
  const generation_time_by_provider: Record<string, GenerationTime> = {};
  for (const r of await ws.db.rows(q.sql, q.params)) {
    generation_time_by_provider[keyOf(r.k ?? null)] = {
      avg_seconds: round2(r.mean ?? null),
      min_seconds: round2(r.lo ?? null),
      max_seconds: round2(r.hi ?? null),
      sample_count: num(r.n ?? null),
    };
  }
  return {
    generation_time_by_provider,
    qc_metrics: {
      total_jobs: num(t.jobs ?? null),
      delivered_jobs: num(t.delivered ?? null),
      delivery_rate: rate(t.delivered ?? null, t.jobs ?? null),
      avg_qc_score: round2(t.qc ?? null),
      avg_issue_count: round2(t.issues ?? null),
    },
    qc_status_breakdown: await countsBy(ws, p, 'qc_status'),
    period_days: p.days,
  };
}

async function timeSeries(ws: Workspace, p: Period, interval: Interval): Promise<TimeSeries> {
  const unit = raw(`'${interval}'`);
  const step = raw(`INTERVAL 1 ${interval.toUpperCase()}`);
  const utc = (ts: Fragment) => sql`date_trunc(${unit}, timezone('UTC', ${ts}))`;
  const q = sql`
    WITH buckets AS (
      SELECT unnest(generate_series(${utc(sql`CAST(${p.start} AS TIMESTAMPTZ)`)}, ${utc(sql`CAST(${p.end} AS TIMESTAMPTZ)`)}, ${step})) AS bucket
    ), jobs AS (
      SELECT ${utc(raw('created_at'))} AS bucket, count(*) AS n, coalesce(sum(cost), 0) AS cost,
             count(*) FILTER (WHERE status = 'delivered') AS delivered
      FROM ${p.table} WHERE ${p.inRange} GROUP BY 1
    )
    SELECT strftime(b.bucket, '%Y-%m-%dT%H:%M:%SZ') AS date, coalesce(j.n, 0) AS n, coalesce(j.cost, 0) AS cost, coalesce(j.delivered, 0) AS delivered
    FROM buckets b LEFT JOIN jobs j USING (bucket) ORDER BY b.bucket`;
  const data = (await ws.db.rows(q.sql, q.params)).map((r) => ({
    date: String(r.date),
    job_count: num(r.n ?? null),
    cost: round2(r.cost ?? null),
    delivered_count: num(r.delivered ?? null),
    success_rate: rate(r.delivered ?? null, r.n ?? null),
  }));
  return { interval, period_days: p.days, data };
}
