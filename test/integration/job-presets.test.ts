/**
 * Seed 002 job reports on a hand-made jobs dataset; every expected number is worked out by hand
 * in the comments. Range: created_at in [now − days, now], both ends included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobPreset } from '../../src-main/core/analyses/job-presets';
import type { Workspace } from '../../src-main/core/workspace';
import type { JobPresetName, PresetRequest } from '../../src-shared/presets';
import { makeDataset, tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

let t: TempDir;
let ws: Workspace;

const NOW = '2025-11-09T00:00:00Z';
// job, created_at, status, provider, strategy, cost, generation seconds (started/completed known), qc_score, qc_status, issues
const JOBS = [
  "('a', '2025-11-02 00:00:00+00', 'delivered', 'anthropic', 'multi_stage', 0.30, 20, 90, 'PASS', 0)", // first instant of a 7-day range
  "('b', '2025-11-03 10:00:00+00', 'delivered', 'anthropic', 'multi_stage', 0.50, 40, 80, 'PASS_WITH_AUTOFIX', 2)",
  "('c', '2025-11-03 20:00:00+00', 'blocked', 'openai', 'single_shot', 0.25, 30, 40, 'BLOCKED', 5)",
  "('d', '2025-11-05 00:00:00+00', 'aborted', NULL, 'multi_stage', NULL, NULL, NULL, NULL, NULL)",
  "('e', '2025-11-09 00:00:00+00', 'delivered', 'openai', 'single_shot', 0.15, 10, 70, 'PASS', 1)", // exactly now
  "('f', '2025-11-01 23:59:59+00', 'delivered', 'anthropic', 'multi_stage', 9.99, 50, 99, 'PASS', 0)", // 1 s before a 7-day range
  "('g', '2025-11-09 00:00:01+00', 'delivered', 'openai', 'single_shot', 0.05, NULL, NULL, NULL, NULL)", // 1 s after now; the watermark
];

beforeAll(async () => {
  t = tempDir();
  ws = await tempWorkspace(t);
  await makeDataset(
    ws,
    'jobs',
    'jobs',
    `SELECT job_id, CAST(created AS TIMESTAMPTZ) AS created_at,
            CASE WHEN gen IS NULL THEN NULL ELSE CAST(created AS TIMESTAMPTZ) END AS started_at,
            CASE WHEN gen IS NULL THEN NULL ELSE CAST(created AS TIMESTAMPTZ) + to_seconds(gen) END AS completed_at,
            status, provider, strategy, CAST(cost AS DOUBLE) AS cost, CAST(gen AS DOUBLE) AS generation_seconds,
            CAST(qc AS DOUBLE) AS qc_score, qc_status, CAST(issues AS INTEGER) AS issue_count
     FROM (VALUES ${JOBS.join(', ')}) v(job_id, created, status, provider, strategy, cost, gen, qc, qc_status, issues)`,
    'created_at',
  );
  await makeDataset(ws, 'events', 'events', `SELECT 'x' AS event_id, TIMESTAMPTZ '2025-11-01 00:00:00+00' AS occurred_at`, 'occurred_at');
});
afterAll(() => {
  ws.closeSync();
  t.cleanup();
});

const run = <P extends JobPresetName>(req: Omit<PresetRequest, 'dataset'> & { preset: P }) => runJobPreset(ws, { dataset: 'jobs', ...req });

describe('job presets (seed 002)', () => {
  it('overview: a–e in the 7 days up to now, both ends included', async () => {
    // total 0.30+0.50+0.25+0.15 = 1.20; generation (20+40+30+10)/4 = 25; delivered a, b, e = 3/5.
    expect(await run({ preset: 'overview', days: 7, now: NOW })).toEqual({
      total_jobs: 5,
      jobs_by_status: { delivered: 3, aborted: 1, blocked: 1 },
      jobs_by_provider: { anthropic: 2, openai: 2, unknown: 1 },
      jobs_by_strategy: { multi_stage: 3, single_shot: 2 },
      total_cost: 1.2,
      avg_generation_time: 25,
      success_rate: 60,
      period_start: '2025-11-02T00:00:00Z',
      period_end: '2025-11-09T00:00:00Z',
    });
  });

  it('overview: now defaults to the watermark, the latest created_at', async () => {
    // now = g's 00:00:01, so the range starts at 2025-11-02T00:00:01Z: a drops out, g comes in:
    // b 0.50 + c 0.25 + e 0.15 + g 0.05 = 0.95.
    const r = await run({ preset: 'overview', days: 7 });
    expect(r).toMatchObject({ total_jobs: 5, total_cost: 0.95, period_start: '2025-11-02T00:00:01Z', period_end: '2025-11-09T00:00:01Z' });
  });

  it('cost-breakdown: per provider and strategy, avg = total / jobs, top jobs by cost', async () => {
    expect(await run({ preset: 'cost-breakdown', days: 7, now: NOW })).toEqual({
      total_cost: 1.2,
      cost_by_provider: {
        anthropic: { total_cost: 0.8, avg_cost_per_job: 0.4, job_count: 2 },
        openai: { total_cost: 0.4, avg_cost_per_job: 0.2, job_count: 2 },
        unknown: { total_cost: 0, avg_cost_per_job: 0, job_count: 1 },
      },
      cost_by_strategy: {
        // a 0.30 + b 0.50 + d (no cost) over 3 jobs = 0.2667
        multi_stage: { total_cost: 0.8, avg_cost_per_job: 0.27, job_count: 3 },
        single_shot: { total_cost: 0.4, avg_cost_per_job: 0.2, job_count: 2 },
      },
      most_expensive_jobs: [
        { job_id: 'b', cost: 0.5, provider: 'anthropic', strategy: 'multi_stage', created_at: '2025-11-03T10:00:00Z', status: 'delivered' },
        { job_id: 'a', cost: 0.3, provider: 'anthropic', strategy: 'multi_stage', created_at: '2025-11-02T00:00:00Z', status: 'delivered' },
        { job_id: 'c', cost: 0.25, provider: 'openai', strategy: 'single_shot', created_at: '2025-11-03T20:00:00Z', status: 'blocked' },
        { job_id: 'e', cost: 0.15, provider: 'openai', strategy: 'single_shot', created_at: '2025-11-09T00:00:00Z', status: 'delivered' },
      ],
      period_days: 7,
    });
  });

  it('performance: generation time per provider, QC metrics and statuses', async () => {
    expect(await run({ preset: 'performance', days: 7, now: NOW })).toEqual({
      generation_time_by_provider: {
        anthropic: { avg_seconds: 30, min_seconds: 20, max_seconds: 40, sample_count: 2 },
        openai: { avg_seconds: 20, min_seconds: 10, max_seconds: 30, sample_count: 2 },
      },
      // qc (90+80+40+70)/4 = 70; issues (0+2+5+1)/4 = 2
      qc_metrics: { total_jobs: 5, delivered_jobs: 3, delivery_rate: 60, avg_qc_score: 70, avg_issue_count: 2 },
      qc_status_breakdown: { PASS: 2, BLOCKED: 1, PASS_WITH_AUTOFIX: 1, unknown: 1 },
      period_days: 7,
    });
  });

  it('time-series by day: dense UTC buckets from the first day to now', async () => {
    const zero = (date: string) => ({ date, job_count: 0, cost: 0, delivered_count: 0, success_rate: 0 });
    expect(await run({ preset: 'time-series', days: 7, now: NOW })).toEqual({
      interval: 'day',
      period_days: 7,
      data: [
        { date: '2025-11-02T00:00:00Z', job_count: 1, cost: 0.3, delivered_count: 1, success_rate: 100 },
        { date: '2025-11-03T00:00:00Z', job_count: 2, cost: 0.75, delivered_count: 1, success_rate: 50 },
        zero('2025-11-04T00:00:00Z'),
        { date: '2025-11-05T00:00:00Z', job_count: 1, cost: 0, delivered_count: 0, success_rate: 0 },
        zero('2025-11-06T00:00:00Z'),
        zero('2025-11-07T00:00:00Z'),
        zero('2025-11-08T00:00:00Z'),
        { date: '2025-11-09T00:00:00Z', job_count: 1, cost: 0.15, delivered_count: 1, success_rate: 100 },
      ],
    });
  });

  it('time-series by ISO week and by month', async () => {
    // Sunday 2025-11-02 belongs to the week of Monday 10-27; b–e to the week of Monday 11-03.
    expect((await run({ preset: 'time-series', days: 7, now: NOW, interval: 'week' })).data).toEqual([
      { date: '2025-10-27T00:00:00Z', job_count: 1, cost: 0.3, delivered_count: 1, success_rate: 100 },
      { date: '2025-11-03T00:00:00Z', job_count: 4, cost: 0.9, delivered_count: 2, success_rate: 50 },
    ]);
    // 40 days back reaches 2025-09-30, so September and October are empty points; November has a–f:
    // 1.20 + 9.99 = 11.19, delivered a, b, e, f = 4/6 = 66.67 %.
    expect((await run({ preset: 'time-series', days: 40, now: NOW, interval: 'month' })).data).toEqual([
      { date: '2025-09-01T00:00:00Z', job_count: 0, cost: 0, delivered_count: 0, success_rate: 0 },
      { date: '2025-10-01T00:00:00Z', job_count: 0, cost: 0, delivered_count: 0, success_rate: 0 },
      { date: '2025-11-01T00:00:00Z', job_count: 6, cost: 11.19, delivered_count: 4, success_rate: 66.67 },
    ]);
  });

  it('an empty range gives zeros, not nulls', async () => {
    expect(await run({ preset: 'overview', days: 1, now: '2024-01-01T00:00:00Z' })).toEqual({
      total_jobs: 0,
      jobs_by_status: {},
      jobs_by_provider: {},
      jobs_by_strategy: {},
      total_cost: 0,
      avg_generation_time: 0,
      success_rate: 0,
      period_start: '2023-12-31T00:00:00Z',
      period_end: '2024-01-01T00:00:00Z',
    });
  });

  it.each([
    [{ preset: 'overview', days: 0 }, /days must be a whole number/],
    [{ preset: 'overview', days: 2.5 }, /days must be a whole number/],
    [{ preset: 'time-series', interval: 'hour' }, /interval must be one of day, week, month/],
    [{ preset: 'overview', now: 'yesterday' }, /now "yesterday" is not a timestamp/],
    [{ preset: 'top-secret' }, /unknown preset "top-secret"/],
  ])('refuses %j', async (req, message) => {
    await expect(runJobPreset(ws, { dataset: 'jobs', ...(req as object) } as PresetRequest)).rejects.toThrow(message);
  });

  it('refuses a dataset that is not of jobs', async () => {
    await expect(runJobPreset(ws, { dataset: 'events', preset: 'overview' })).rejects.toThrow(/events dataset, not jobs/);
  });
});
