/**
 * The dashboard questions the bench times: each through the engine (runQuery with a spec,
 * runFunnel, topN, engagement, runJobPreset) and as hand-written SQL on the raw tables that
 * DuckDB read straight from the same files (`raw_events`, `raw_jobs`). Both answers are reduced
 * to rows so the bench can say whether they are the same.
 */
import { runFunnel } from '../analyses/funnel';
import { runJobPreset } from '../analyses/job-presets';
import { engagement } from '../analyses/retention';
import { topN } from '../analyses/top-n';
import type { Db } from '../db';
import { runQuery } from '../query/run-query';
import type { Workspace } from '../workspace';
import { FUNNEL_STEPS } from './generate';
import { round2, rowsOf, type Row } from './same-answer';

export interface BenchQuery {
  readonly name: string;
  /** Compare rows in order (the engine promises an order) or as sets. */
  readonly ordered: boolean;
  /** Relative tolerance of numbers (percentiles from histograms); exact when absent. */
  readonly tolerance?: number;
  engine(ws: Workspace): Promise<Row[]>;
  raw(db: Db): Promise<Row[]>;
}

const EVENTS = 'events';
const JOBS = 'jobs';
const DAYS = 30;

/** Raw events as the importer keeps them: analytics consent not refused, times as instants. */
const RAW_EVENTS = `(SELECT * REPLACE (CAST(occurred_at AS TIMESTAMPTZ) AS occurred_at) FROM raw_events
  WHERE coalesce(context.consent.analytics, true)) ev`;
/** Raw jobs of the preset period: [watermark − 30 days, watermark]. */
const RAW_JOBS = `(SELECT * REPLACE (CAST(created_at AS TIMESTAMPTZ) AS created_at) FROM raw_jobs) j`;
const JOBS_PERIOD = `created_at BETWEEN (SELECT max(CAST(created_at AS TIMESTAMPTZ)) FROM raw_jobs) - INTERVAL ${DAYS} DAY
  AND (SELECT max(CAST(created_at AS TIMESTAMPTZ)) FROM raw_jobs)`;

const columnar = async (db: Db, sql: string, columns?: readonly string[]) => rowsOf(await db.columnar(sql), columns);
const spec = (ws: Workspace, s: object, columns: readonly string[]) => runQuery(ws, { dataset: EVENTS, ...s }).then((r) => rowsOf(r, columns));
const entries = (o: Record<string, unknown>): Row[] => Object.entries(o).map(([k, v]) => [k, v]);

const dailyCounts: BenchQuery = {
  name: 'daily counts by event',
  ordered: false,
  engine: (ws) => spec(ws, { measures: ['count'], dimensions: ['event_name'], time: { grain: 'day' } }, ['time', 'event_name', 'count']),
  raw: (db) => columnar(db, `SELECT date_trunc('day', occurred_at) AS time, event_name, count(*) AS n FROM ${RAW_EVENTS} GROUP BY ALL`),
};

const p95Latency: BenchQuery = {
  name: 'p95 latency_ms per day',
  ordered: true,
  tolerance: 0.01,
  engine: (ws) => spec(ws, { measures: ['p95(latency_ms)'], time: { grain: 'day' } }, ['time', 'p95(latency_ms)']),
  raw: (db) => columnar(db, `SELECT date_trunc('day', occurred_at), quantile_cont(attributes.latency_ms, 0.95) FROM ${RAW_EVENTS} GROUP BY ALL ORDER BY 1`),
};

const dau: BenchQuery = {
  name: 'DAU',
  ordered: false,
  engine: (ws) => spec(ws, { measures: ['count_distinct(user_id)'], time: { grain: 'day' } }, ['time', 'count_distinct(user_id)']),
  raw: (db) => columnar(db, `SELECT date_trunc('day', occurred_at), count(DISTINCT user_id) FROM ${RAW_EVENTS} GROUP BY ALL`),
};

const wauMau: BenchQuery = {
  name: 'WAU/MAU',
  ordered: true,
  engine: (ws) => engagement(ws, { dataset: EVENTS }).then((r) => rowsOf(r, ['day', 'dau', 'wau', 'mau'])),
  raw: (db) =>
    columnar(
      db,
      `WITH active AS (SELECT DISTINCT user_id AS u, CAST(occurred_at AS DATE) AS day FROM ${RAW_EVENTS} WHERE user_id IS NOT NULL),
       calendar AS (SELECT CAST(d AS DATE) AS day FROM range((SELECT CAST(min(day) AS TIMESTAMP) FROM active),
                    (SELECT CAST(max(day) AS TIMESTAMP) FROM active) + INTERVAL 1 DAY, INTERVAL 1 DAY) t(d))
       SELECT c.day, count(DISTINCT a.u) FILTER (WHERE a.day = c.day), count(DISTINCT a.u) FILTER (WHERE a.day > c.day - 7),
              count(DISTINCT a.u)
       FROM calendar c LEFT JOIN active a ON a.day BETWEEN c.day - 29 AND c.day GROUP BY c.day ORDER BY c.day`,
    ),
};

/**
 * The Events dashboard as it opens: its relative range, the last 30 days to the watermark, cuts
 * hours at both ends (the cube path reads those from the raw rows).
 */
const LAST_30 = `(SELECT max(occurred_at) AS wm FROM ${RAW_EVENTS})`;

const kpis: BenchQuery = {
  name: 'KPIs, last 30 days vs the 30 before',
  ordered: true,
  engine: (ws) =>
    spec(ws, { measures: ['count', 'count_distinct(user_id)', 'count_distinct(session_id)'], time: { last: '30d' }, compare: 'previous_period' }, [
      'count', 'count (previous)', 'count_distinct(user_id)', 'count_distinct(user_id) (previous)', 'count_distinct(session_id)', 'count_distinct(session_id) (previous)',
    ]),
  raw: (db) => {
    const cur = `occurred_at BETWEEN wm - INTERVAL 30 DAY AND wm`;
    const prev = `occurred_at >= wm - INTERVAL 60 DAY AND occurred_at < wm - INTERVAL 30 DAY`;
    return columnar(
      db,
      `SELECT count(*) FILTER (WHERE ${cur}), count(*) FILTER (WHERE ${prev}), count(DISTINCT user_id) FILTER (WHERE ${cur}),
              count(DISTINCT user_id) FILTER (WHERE ${prev}), count(DISTINCT session_id) FILTER (WHERE ${cur}), count(DISTINCT session_id) FILTER (WHERE ${prev})
       FROM ${RAW_EVENTS}, ${LAST_30} w`,
    );
  },
};

const engagementLast30: BenchQuery = {
  name: 'DAU/WAU/MAU, last 30 days',
  ordered: true,
  async engine(ws) {
    // As the dashboard asks: from the watermark − 30 days to just after the watermark.
    const wm = Date.parse((await ws.dataset(EVENTS)).maxTime!);
    const req = { dataset: EVENTS, from: new Date(wm - 30 * 86_400_000).toISOString(), to: new Date(wm + 1).toISOString() };
    return rowsOf(await engagement(ws, req), ['day', 'dau', 'wau', 'mau']);
  },
  raw: (db) =>
    columnar(
      db,
      `WITH b AS (SELECT wm - INTERVAL 30 DAY AS lo, wm + INTERVAL 1 MILLISECOND AS hi FROM ${LAST_30}),
       active AS (SELECT DISTINCT user_id AS u, CAST(occurred_at AS DATE) AS day FROM ${RAW_EVENTS}, b
                  WHERE user_id IS NOT NULL AND occurred_at >= lo - INTERVAL 30 DAY AND occurred_at < hi),
       calendar AS (SELECT CAST(d AS DATE) AS day FROM b, range(CAST(CAST(lo AS DATE) AS TIMESTAMP),
                    CAST(CAST(hi - INTERVAL 1 MICROSECOND AS DATE) AS TIMESTAMP) + INTERVAL 1 DAY, INTERVAL 1 DAY) t(d))
       SELECT c.day, count(DISTINCT a.u) FILTER (WHERE a.day = c.day), count(DISTINCT a.u) FILTER (WHERE a.day > c.day - 7),
              count(DISTINCT a.u)
       FROM calendar c LEFT JOIN active a ON a.day BETWEEN c.day - 29 AND c.day GROUP BY c.day ORDER BY c.day`,
    ),
};

const funnel: BenchQuery = {
  name: '3-step funnel by session',
  ordered: true,
  engine: (ws) => runFunnel(ws, { dataset: EVENTS, steps: [...FUNNEL_STEPS], by: 'session' }).then((steps) => steps.map((s) => [s.step, s.count])),
  raw: (db) => {
    const step = (i: number) => `SELECT session_id AS u, occurred_at AS t FROM ${RAW_EVENTS} WHERE session_id IS NOT NULL AND event_name = '${FUNNEL_STEPS[i]}'`;
    // The earliest step 2 at or after each start, then any step 3 at or after it, all within 14 days of the start.
    return columnar(
      db,
      `WITH s1 AS (${step(0)}), s2 AS (${step(1)}), s3 AS (${step(2)}),
       b AS (SELECT s1.u, s1.t AS t1, min(s2.t) AS t2 FROM s1 JOIN s2 ON s2.u = s1.u AND s2.t BETWEEN s1.t AND s1.t + INTERVAL 14 DAY GROUP BY ALL),
       c AS (SELECT DISTINCT b.u FROM b JOIN s3 ON s3.u = b.u AND s3.t BETWEEN b.t2 AND b.t1 + INTERVAL 14 DAY)
       SELECT 1, (SELECT count(DISTINCT u) FROM s1) UNION ALL SELECT 2, (SELECT count(DISTINCT u) FROM b)
       UNION ALL SELECT 3, (SELECT count(*) FROM c) ORDER BY 1`,
    );
  },
};

const topUsers: BenchQuery = {
  name: 'top 10 users',
  ordered: true,
  engine: (ws) => topN(ws, { dataset: EVENTS, field: 'user_id', n: 10 }).then((r) => rowsOf(r, ['value', 'count'])),
  raw: (db) =>
    columnar(
      db,
      `WITH counted AS (SELECT user_id, count(*) AS n FROM ${RAW_EVENTS} GROUP BY 1),
       ranked AS (SELECT *, row_number() OVER (ORDER BY n DESC, user_id ASC NULLS LAST) > 10 AS other FROM counted)
       SELECT CASE WHEN other THEN 'Other' ELSE user_id END AS value, sum(n)::BIGINT AS count, other FROM ranked
       GROUP BY ALL ORDER BY other, count DESC, value ASC NULLS LAST`,
      ['value', 'count'],
    ),
};

const jobsOverview: BenchQuery = {
  name: 'jobs overview',
  ordered: true,
  async engine(ws) {
    const o = await runJobPreset(ws, { dataset: JOBS, preset: 'overview', days: DAYS });
    return [[o.total_jobs, o.total_cost, o.success_rate], ...entries(o.jobs_by_status), ...entries(o.jobs_by_provider)];
  },
  async raw(db) {
    const [t] = await columnar(db, `SELECT count(*), coalesce(sum(cost), 0), count(*) FILTER (WHERE status = 'delivered') FROM ${RAW_JOBS} WHERE ${JOBS_PERIOD}`);
    const [n, cost, delivered] = t!.map(Number) as [number, number, number];
    const by = (col: string) => columnar(db, `SELECT ${col}, count(*) AS n FROM ${RAW_JOBS} WHERE ${JOBS_PERIOD} GROUP BY 1 ORDER BY n DESC, 1 NULLS LAST`);
    return [[n, round2(cost), n === 0 ? 0 : round2((delivered * 100) / n)], ...(await by('status')), ...(await by('provider'))];
  },
};

const jobsCost: BenchQuery = {
  name: 'jobs cost breakdown',
  ordered: true,
  async engine(ws) {
    const c = await runJobPreset(ws, { dataset: JOBS, preset: 'cost-breakdown', days: DAYS });
    const groups = [...Object.entries(c.cost_by_provider), ...Object.entries(c.cost_by_strategy)];
    return [[c.total_cost], ...groups.map(([k, g]) => [k, g.total_cost, g.avg_cost_per_job, g.job_count]), ...c.most_expensive_jobs.map((j) => [j.job_id, j.cost])];
  },
  async raw(db) {
    const [[total]] = (await columnar(db, `SELECT coalesce(sum(cost), 0) FROM ${RAW_JOBS} WHERE ${JOBS_PERIOD}`)) as [[number]];
    const by = async (col: string) =>
      (await columnar(db, `SELECT ${col}, coalesce(sum(cost), 0) AS total, count(*) FROM ${RAW_JOBS} WHERE ${JOBS_PERIOD} GROUP BY 1 ORDER BY total DESC, 1 NULLS LAST`)).map(
        ([k, sum, n]) => [k, round2(sum), Number(n) === 0 ? 0 : round2(Number(sum) / Number(n)), n],
      );
    const top = await columnar(db, `SELECT job_id, cost FROM ${RAW_JOBS} WHERE ${JOBS_PERIOD} AND cost IS NOT NULL ORDER BY cost DESC, created_at DESC, job_id LIMIT 10`);
    return [[round2(total)], ...(await by('provider')), ...(await by('strategy')), ...top.map(([id, cost]) => [id, round2(cost)])];
  },
};

const jobsSeries: BenchQuery = {
  name: 'jobs time series',
  ordered: true,
  async engine(ws) {
    const s = await runJobPreset(ws, { dataset: JOBS, preset: 'time-series', days: DAYS, interval: 'day' });
    return s.data.filter((p) => p.job_count > 0).map((p) => [p.date, p.job_count, p.cost, p.delivered_count]);
  },
  async raw(db) {
    const rows = await columnar(
      db,
      `SELECT strftime(date_trunc('day', timezone('UTC', created_at)), '%Y-%m-%dT%H:%M:%SZ') AS d, count(*), coalesce(sum(cost), 0),
              count(*) FILTER (WHERE status = 'delivered')
       FROM ${RAW_JOBS} WHERE ${JOBS_PERIOD} GROUP BY 1 ORDER BY 1`,
    );
    return rows.map(([d, n, cost, delivered]) => [d, n, round2(cost), delivered]);
  },
};

export const BENCH_QUERIES: readonly BenchQuery[] = [dailyCounts, p95Latency, dau, wauMau, kpis, engagementLast30, funnel, topUsers, jobsOverview, jobsCost, jobsSeries];
