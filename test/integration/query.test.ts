import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toRowObjects } from '../../src-shared/columnar';
import { runQuery } from '../../src-main/core/query/run-query';
import type { Workspace } from '../../src-main/core/workspace';
import { makeDataset, tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

/*
 * events (UTC):
 *   e1 signup   2025-10-30 10:00 Thu  u4  {"plan":"free"}
 *   e2 signup   2025-11-03 09:00 Mon  u1  {"voice.first_response_ms":100,"plan":"free"}
 *   e3 login    2025-11-03 23:30 Mon  u1  {"voice.first_response_ms":200}
 *   e4 login    2025-11-04 08:00 Tue  u2  {"voice.first_response_ms":300,"plan":"pro"}
 *   e5 purchase 2025-11-08 12:00 Sat  u2  {"plan":"pro"}
 *   e6 login    2025-11-09 18:00 Sun  u3  {}
 *   e7 login    2025-11-10 07:00 Mon  u1  {"voice.first_response_ms":500}     <- watermark
 */
const EVENTS = `SELECT event_id, event_name, occurred_at::TIMESTAMPTZ AS occurred_at, user_id, attributes::JSON AS attributes FROM (VALUES
  ('e1', 'signup',   '2025-10-30 10:00:00+00', 'u4', '{"plan":"free"}'),
  ('e2', 'signup',   '2025-11-03 09:00:00+00', 'u1', '{"voice.first_response_ms":100,"plan":"free"}'),
  ('e3', 'login',    '2025-11-03 23:30:00+00', 'u1', '{"voice.first_response_ms":200}'),
  ('e4', 'login',    '2025-11-04 08:00:00+00', 'u2', '{"voice.first_response_ms":300,"plan":"pro"}'),
  ('e5', 'purchase', '2025-11-08 12:00:00+00', 'u2', '{"plan":"pro"}'),
  ('e6', 'login',    '2025-11-09 18:00:00+00', 'u3', '{}'),
  ('e7', 'login',    '2025-11-10 07:00:00+00', 'u1', '{"voice.first_response_ms":500}')
) t(event_id, event_name, occurred_at, user_id, attributes)`;

/*
 * jobs, i = 1..20: created_at = 2025-11-01 00:00 + i hours, generation_seconds = i,
 * cost = i × 0.5, "Cost Total $" = i, status failed when i % 4 = 0 (4, 8, 12, 16, 20) else
 * delivered, provider openai for i ≤ 10 else anthropic, issue_count = i % 3,
 * qc_score null for i ≤ 5 else i, we"ird = 'a' for i ≤ 3 else 'b'.
 */
const JOBS = `SELECT 'j' || i AS job_id,
    TIMESTAMPTZ '2025-11-01 00:00:00+00' + i * INTERVAL 1 HOUR AS created_at,
    CASE WHEN i % 4 = 0 THEN 'failed' ELSE 'delivered' END AS status,
    CASE WHEN i <= 10 THEN 'openai' ELSE 'anthropic' END AS provider,
    i * 0.5::DOUBLE AS cost,
    i::DOUBLE AS generation_seconds,
    i::DOUBLE AS "Cost Total $",
    (i % 3)::BIGINT AS issue_count,
    CASE WHEN i <= 5 THEN NULL ELSE i::DOUBLE END AS qc_score,
    CASE WHEN i <= 3 THEN 'a' ELSE 'b' END AS "we""ird"
  FROM range(1, 21) t(i)`;

let t: TempDir;
let ws: Workspace;

beforeEach(async () => {
  t = tempDir();
  ws = await tempWorkspace(t);
  await makeDataset(ws, 'events', 'events', EVENTS, 'occurred_at');
  await makeDataset(ws, 'jobs', 'jobs', JOBS, 'created_at');
});

afterEach(() => {
  ws.closeSync();
  t.cleanup();
});

const rows = async (spec: Record<string, unknown>) => toRowObjects(await runQuery(ws, spec));
const one = async (spec: Record<string, unknown>) => (await rows(spec))[0];

describe('query: measures', () => {
  it('computes count, distinct count, sum, avg, min, max and percentiles of a jobs dataset', async () => {
    expect(
      await one({
        dataset: 'jobs',
        measures: ['count', 'count_distinct(provider)', 'sum(cost)', 'avg(cost)', 'min(cost)', 'max(cost)', 'p50(generation_seconds)', 'p95(generation_seconds)'],
      }),
    ).toEqual({
      count: 20,
      'count_distinct(provider)': 2,
      'sum(cost)': 105, // 0.5 × (1 + … + 20) = 0.5 × 210
      'avg(cost)': 5.25, // 105 / 20
      'min(cost)': 0.5,
      'max(cost)': 10,
      'p50(generation_seconds)': 10.5, // position (20 − 1) × 0.5 = 9.5 -> 10 + 0.5 × (11 − 10)
      'p95(generation_seconds)': 19.05, // position 19 × 0.95 = 18.05 -> 19 + 0.05 × (20 − 19)
    });
  });

  it('sums a column named with spaces and a dollar sign, output named as written', async () => {
    const result = await runQuery(ws, { dataset: 'jobs', measures: ['sum(Cost Total $)'] });
    expect(result.columns.map((c) => c.name)).toEqual(['sum(Cost Total $)']);
    expect(result.data[0]).toEqual([210]); // 1 + … + 20
  });

  it('computes rate as the fraction of rows matching its filter', async () => {
    expect(await one({ dataset: 'jobs', measures: ['rate(status = delivered)', 'rate(provider in (openai))', 'rate(cost > 9)'] })).toEqual({
      'rate(status = delivered)': 0.75, // 15 of 20 (5 failed: 4, 8, 12, 16, 20)
      'rate(provider in (openai))': 0.5, // 10 of 20
      'rate(cost > 9)': 0.1, // i × 0.5 > 9 -> i = 19, 20
    });
  });

  it('measures attribute keys holding dots, as numbers', async () => {
    expect(
      await one({ dataset: 'events', measures: ['avg(voice.first_response_ms)', 'p50(voice.first_response_ms)', 'max(voice.first_response_ms)', 'count_distinct(plan)'] }),
    ).toEqual({
      'avg(voice.first_response_ms)': 275, // (100 + 200 + 300 + 500) / 4
      'p50(voice.first_response_ms)': 250, // position 3 × 0.5 = 1.5 -> 200 + 0.5 × 100
      'max(voice.first_response_ms)': 500,
      'count_distinct(plan)': 2, // free, pro
    });
  });

  it('counts events and distinct users', async () => {
    expect(await one({ dataset: 'events', measures: ['count', 'count_distinct(user_id)', 'rate(event_name = login)'] })).toEqual({
      count: 7,
      'count_distinct(user_id)': 4, // u1, u2, u3, u4
      'rate(event_name = login)': 4 / 7, // e3, e4, e6, e7
    });
  });
});

describe('query: filters', () => {
  it.each([
    ['=', { field: 'provider', op: '=', value: 'anthropic' }, 10],
    ['!=', { field: 'status', op: '!=', value: 'failed' }, 15],
    ['in', { field: 'status', op: 'in', value: ['failed', 'cancelled'] }, 5],
    ['not in', { field: 'status', op: 'not in', value: ['failed'] }, 15],
    ['contains, ignoring case', { field: 'provider', op: 'contains', value: 'OPEN' }, 10],
    ['> on a number', { field: 'cost', op: '>', value: 9 }, 2], // i = 19, 20
    ['>= on an integer column', { field: 'issue_count', op: '>=', value: 2 }, 7], // i % 3 = 2: 2, 5, 8, 11, 14, 17, 20
    ['< on a timestamp', { field: 'created_at', op: '<', value: '2025-11-01T05:00:00Z' }, 4], // 01:00 … 04:00
    ['<= on a timestamp in another zone', { field: 'created_at', op: '<=', value: '2025-11-01T06:00:00+01:00' }, 5], // ≤ 05:00 UTC
    ['between, inclusive', { field: 'cost', op: 'between', value: [2, 3] }, 3], // i = 4, 5, 6
    ['is null', { field: 'qc_score', op: 'is null' }, 5],
    ['is not null', { field: 'qc_score', op: 'is not null' }, 15],
    ['a value trying to escape its quotes', { field: 'status', op: '=', value: "delivered' OR '1'='1" }, 0],
  ])('filters with %s', async (_, filter, expected) => {
    expect(await one({ dataset: 'jobs', measures: ['count'], filters: [filter] })).toEqual({ count: expected });
  });

  it('filters on an attribute numerically', async () => {
    // 200, 300, 500 are ≥ 200; a string "200" compares as a number for ordering ops
    expect(await one({ dataset: 'events', measures: ['count'], filters: [{ field: 'voice.first_response_ms', op: '>=', value: '200' }] })).toEqual({ count: 3 });
  });

  it('leaves the dataset intact when a field name carries SQL', async () => {
    const evil = 'x"); DROP TABLE events; --';
    expect(await rows({ dataset: 'events', measures: ['count'], dimensions: [evil] })).toEqual([{ [evil]: null, count: 7 }]);
    expect(await ws.db.value('SELECT count(*) FROM events')).toBe(7);
  });
});

describe('query: dimensions, order and limit', () => {
  it('orders by the first measure descending by default and limits the final rows', async () => {
    // login 4, signup 2, purchase 1
    expect(await rows({ dataset: 'events', measures: ['count'], dimensions: ['event_name'], limit: 2 })).toEqual([
      { event_name: 'login', count: 4 },
      { event_name: 'signup', count: 2 },
    ]);
  });

  it('orders by any output column', async () => {
    expect(await rows({ dataset: 'events', measures: ['count'], dimensions: ['event_name'], order: [{ field: 'event_name' }] })).toEqual([
      { event_name: 'login', count: 4 },
      { event_name: 'purchase', count: 1 },
      { event_name: 'signup', count: 2 },
    ]);
  });

  it('groups by an attribute, rows without it under null', async () => {
    // free: e1, e2; pro: e4, e5; none: e3, e6, e7 — ties broken by the dimension, nulls last
    expect(await rows({ dataset: 'events', measures: ['count'], dimensions: ['plan'] })).toEqual([
      { plan: null, count: 3 },
      { plan: 'free', count: 2 },
      { plan: 'pro', count: 2 },
    ]);
  });

  it('groups by odd column names and averages per group', async () => {
    expect(await rows({ dataset: 'jobs', measures: ['avg(generation_seconds)'], dimensions: ['provider', 'we"ird'], order: [{ field: 'provider' }, { field: 'we"ird' }] })).toEqual([
      { provider: 'anthropic', 'we"ird': 'b', 'avg(generation_seconds)': 15.5 }, // 11 … 20
      { provider: 'openai', 'we"ird': 'a', 'avg(generation_seconds)': 2 }, // 1, 2, 3
      { provider: 'openai', 'we"ird': 'b', 'avg(generation_seconds)': 7 }, // 4 … 10
    ]);
  });
});

describe('query: grains', () => {
  it('buckets by day, time first as an ISO string in UTC', async () => {
    const result = await runQuery(ws, { dataset: 'events', measures: ['count'], time: { grain: 'day' } });
    expect(result.columns.map((c) => c.name)).toEqual(['time', 'count']);
    expect(toRowObjects(result)).toEqual([
      { time: '2025-10-30T00:00:00Z', count: 1 },
      { time: '2025-11-03T00:00:00Z', count: 2 },
      { time: '2025-11-04T00:00:00Z', count: 1 },
      { time: '2025-11-08T00:00:00Z', count: 1 },
      { time: '2025-11-09T00:00:00Z', count: 1 },
      { time: '2025-11-10T00:00:00Z', count: 1 },
    ]);
  });

  it('buckets by week starting Monday', async () => {
    // Mon Oct 27: e1; Mon Nov 3 … Sun Nov 9: e2–e6; Mon Nov 10: e7
    expect(await rows({ dataset: 'events', measures: ['count'], time: { grain: 'week' } })).toEqual([
      { time: '2025-10-27T00:00:00Z', count: 1 },
      { time: '2025-11-03T00:00:00Z', count: 5 },
      { time: '2025-11-10T00:00:00Z', count: 1 },
    ]);
  });

  it('buckets by week starting Sunday when the workspace says so', async () => {
    await ws.updateSettings({ weekStart: 'sunday' });
    // Sun Oct 26: e1; Sun Nov 2 … Sat Nov 8: e2–e5; Sun Nov 9: e6, e7
    expect(await rows({ dataset: 'events', measures: ['count'], time: { grain: 'week' } })).toEqual([
      { time: '2025-10-26T00:00:00Z', count: 1 },
      { time: '2025-11-02T00:00:00Z', count: 4 },
      { time: '2025-11-09T00:00:00Z', count: 2 },
    ]);
  });

  it('buckets by month', async () => {
    expect(await rows({ dataset: 'events', measures: ['count'], time: { grain: 'month' } })).toEqual([
      { time: '2025-10-01T00:00:00Z', count: 1 },
      { time: '2025-11-01T00:00:00Z', count: 6 },
    ]);
  });

  it('buckets days in the workspace time zone, across the end of daylight saving time', async () => {
    await ws.updateSettings({ timeZone: 'America/New_York' });
    await makeDataset(ws, 'ny', 'events', `SELECT * FROM (VALUES
      (TIMESTAMPTZ '2025-11-02 12:00:00+00'),
      (TIMESTAMPTZ '2025-11-04 03:00:00+00'),
      (TIMESTAMPTZ '2025-11-04 06:00:00+00')) t(occurred_at)`, 'occurred_at');
    // 11-02 12:00Z = 07:00 EST on Nov 2, whose midnight was still EDT (−4): 04:00Z
    // 11-04 03:00Z = 22:00 EST on Nov 3 -> midnight 05:00Z; 11-04 06:00Z = 01:00 EST on Nov 4
    expect(await rows({ dataset: 'ny', measures: ['count'], time: { grain: 'day' } })).toEqual([
      { time: '2025-11-02T04:00:00Z', count: 1 },
      { time: '2025-11-03T05:00:00Z', count: 1 },
      { time: '2025-11-04T05:00:00Z', count: 1 },
    ]);
  });

  it('buckets a table by its first timestamp column when it has no time column', async () => {
    await makeDataset(ws, 'visits', 'table', `SELECT * FROM (VALUES ('a', TIMESTAMP '2025-01-01 10:00:00'), ('b', TIMESTAMP '2025-01-01 11:00:00'), ('c', TIMESTAMP '2025-01-02 09:00:00')) t(who, "seen at")`, null);
    expect(await rows({ dataset: 'visits', measures: ['count'], time: { grain: 'day' } })).toEqual([
      { time: '2025-01-01T00:00:00Z', count: 2 },
      { time: '2025-01-02T00:00:00Z', count: 1 },
    ]);
  });
});

describe('query: time ranges', () => {
  it('includes from and excludes to', async () => {
    // [Nov 3 09:00, Nov 8 12:00) -> e2, e3, e4
    expect(await one({ dataset: 'events', measures: ['count'], time: { from: '2025-11-03T09:00:00Z', to: '2025-11-08T12:00:00Z' } })).toEqual({ count: 3 });
  });

  it('anchors "last" at the watermark, which it includes', async () => {
    // [Nov 9 07:00, Nov 10 07:00] -> e6, e7
    expect(await one({ dataset: 'events', measures: ['count'], time: { last: '1d' } })).toEqual({ count: 2 });
  });

  it('anchors "last" at now when given', async () => {
    // [Oct 29 00:00, Nov 5 00:00] -> e1, e2, e3, e4
    expect(await one({ dataset: 'events', measures: ['count'], time: { last: '7d' }, now: '2025-11-05T00:00:00Z' })).toEqual({ count: 4 });
  });
});

describe('query: compare to the previous period', () => {
  it('adds previous values and percent changes per dimension', async () => {
    // current [Nov 3 07:00, Nov 10 07:00]: login e3 e4 e6 e7 = 4, signup e2 = 1, purchase e5 = 1
    // previous [Oct 27 07:00, Nov 3 07:00): signup e1 = 1
    const result = await runQuery(ws, { dataset: 'events', measures: ['count'], dimensions: ['event_name'], time: { last: '7d' }, compare: 'previous_period' });
    expect(result.columns.map((c) => c.name)).toEqual(['event_name', 'count', 'count (previous)', 'count (change %)']);
    expect(toRowObjects(result)).toEqual([
      { event_name: 'login', count: 4, 'count (previous)': 0, 'count (change %)': null },
      { event_name: 'purchase', count: 1, 'count (previous)': 0, 'count (change %)': null },
      { event_name: 'signup', count: 1, 'count (previous)': 1, 'count (change %)': 0 },
    ]);
  });

  it('compares totals over a relative range', async () => {
    // 6 now vs 1 before: (6 − 1) / 1 × 100 = 500
    expect(await one({ dataset: 'events', measures: ['count'], time: { last: '7d' }, compare: 'previous_period' })).toEqual({
      count: 6,
      'count (previous)': 1,
      'count (change %)': 500,
    });
  });

  it('matches time buckets by position in their range', async () => {
    // current [Nov 4, Nov 5): day 0 = Nov 4, e4 = 1; previous [Nov 3, Nov 4): day 0 = Nov 3, e2 e3 = 2
    // (1 − 2) / 2 × 100 = −50; avg response 300 vs (100 + 200) / 2 = 150 -> +100
    expect(
      await rows({
        dataset: 'events',
        measures: ['count', 'avg(voice.first_response_ms)'],
        time: { grain: 'day', from: '2025-11-04T00:00:00Z', to: '2025-11-05T00:00:00Z' },
        compare: 'previous_period',
      }),
    ).toEqual([
      {
        time: '2025-11-04T00:00:00Z',
        count: 1,
        'count (previous)': 2,
        'count (change %)': -50,
        'avg(voice.first_response_ms)': 300,
        'avg(voice.first_response_ms) (previous)': 150,
        'avg(voice.first_response_ms) (change %)': 100,
      },
    ]);
  });

  it('matches weeks by position and rounds the change to 2 decimals', async () => {
    // current [Nov 3, Nov 10): week 0 = Nov 3, e2–e6 = 5; previous [Oct 27, Nov 3): week 0 = Oct 27, e1 = 1 -> +400
    // rate of logins: 3/5 now (e3, e4, e6) vs 0/1 before -> change null (previous is 0)
    expect(
      await rows({
        dataset: 'events',
        measures: ['count', 'rate(event_name = login)'],
        time: { grain: 'week', from: '2025-11-03T00:00:00Z', to: '2025-11-10T00:00:00Z' },
        compare: 'previous_period',
      }),
    ).toEqual([
      {
        time: '2025-11-03T00:00:00Z',
        count: 5,
        'count (previous)': 1,
        'count (change %)': 400,
        'rate(event_name = login)': 0.6,
        'rate(event_name = login) (previous)': 0,
        'rate(event_name = login) (change %)': null,
      },
    ]);
  });

  it('rounds a percent change to two decimals', async () => {
    // current [Nov 4, Nov 11): e4 e5 e6 e7 = 4; previous [Oct 28, Nov 4): e1 e2 e3 = 3 -> (4 − 3) / 3 × 100 = 33.333… -> 33.33
    expect(await one({ dataset: 'events', measures: ['count'], time: { from: '2025-11-04T00:00:00Z', to: '2025-11-11T00:00:00Z' }, compare: 'previous_period' })).toEqual({
      count: 4,
      'count (previous)': 3,
      'count (change %)': 33.33,
    });
  });
});

describe('query: errors', () => {
  it('names an unknown field, the dataset and its columns', async () => {
    await expect(runQuery(ws, { dataset: 'jobs', measures: ['sum(costs)'] })).rejects.toMatchObject({
      code: 'unknown_field',
      message: 'unknown field "costs" in dataset "jobs"',
      hint: expect.stringMatching(/^did you mean "cost"\? columns: job_id, created_at, status, provider, cost, /),
    });
  });

  it('names an unknown key of the spec', async () => {
    await expect(runQuery(ws, { dataset: 'jobs', measure: ['count'] })).rejects.toMatchObject({
      code: 'unknown_field',
      message: 'unknown field "measure" in the query spec',
    });
  });

  it('names the datasets there are when asked for a missing one', async () => {
    await expect(runQuery(ws, { dataset: 'nope', measures: ['count'] })).rejects.toMatchObject({ code: 'not_found', hint: 'datasets here: events, jobs' });
  });

  it('refuses a filter value of the wrong type before running anything', async () => {
    await expect(runQuery(ws, { dataset: 'jobs', measures: ['count'], filters: [{ field: 'cost', op: '>', value: 'cheap' }] })).rejects.toMatchObject({ code: 'bad_spec' });
  });
});
