import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRowObjects } from '../../src-shared/columnar';
import type { QuerySpec } from '../../src-shared/query-spec';
import { runQuery } from '../../src-main/core/query/run-query';
import type { Workspace } from '../../src-main/core/workspace';
import { makeDataset, tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

/*
 * jobs (UTC), provider: generation_seconds
 *   2025-11-01: a 10, a 20, a 30, b 5, b 5, d 2
 *   2025-11-02: c 1, d 9, (null) 7
 * Whole range: a 3 jobs, b 2, d 2, c 1 -> the top 2 by count are a and b (b before d on the tie).
 */
const JOBS = `SELECT job_id, created_at::TIMESTAMPTZ AS created_at, provider, generation_seconds::DOUBLE AS generation_seconds FROM (VALUES
  ('j1', '2025-11-01 01:00:00+00', 'a', 10),
  ('j2', '2025-11-01 02:00:00+00', 'a', 20),
  ('j3', '2025-11-01 03:00:00+00', 'a', 30),
  ('j4', '2025-11-01 04:00:00+00', 'b', 5),
  ('j5', '2025-11-01 05:00:00+00', 'b', 5),
  ('j6', '2025-11-01 06:00:00+00', 'd', 2),
  ('j7', '2025-11-02 01:00:00+00', 'c', 1),
  ('j8', '2025-11-02 02:00:00+00', 'd', 9),
  ('j9', '2025-11-02 03:00:00+00', NULL, 7)
) t(job_id, created_at, provider, generation_seconds)`;

let t: TempDir;
let ws: Workspace;

beforeAll(async () => {
  t = tempDir();
  ws = await tempWorkspace(t);
  await makeDataset(ws, 'jobs', 'jobs', JOBS, 'created_at');
});
afterAll(() => {
  ws.closeSync();
  t.cleanup();
});

const run = async (extra: Partial<QuerySpec>) =>
  toRowObjects(await runQuery(ws, { dataset: 'jobs', measures: ['count'], dimensions: ['provider'], order: [{ field: 'provider' }], ...extra }));

describe('query spec topN', () => {
  it('keeps the top values and computes every measure over the folded rows of "Other"', async () => {
    // Other = c 1, d 2, d 9: 3 jobs, sum 12, median 2 (not the mean of the medians 1 and 5.5)
    expect(await run({ measures: ['count', 'sum(generation_seconds)', 'p50(generation_seconds)'], topN: { n: 2 } })).toEqual([
      { provider: 'Other', count: 3, 'sum(generation_seconds)': 12, 'p50(generation_seconds)': 2 },
      { provider: 'a', count: 3, 'sum(generation_seconds)': 60, 'p50(generation_seconds)': 20 },
      { provider: 'b', count: 2, 'sum(generation_seconds)': 10, 'p50(generation_seconds)': 5 },
      { provider: null, count: 1, 'sum(generation_seconds)': 7, 'p50(generation_seconds)': 7 },
    ]);
  });

  it('ranks over the whole range, not per time bucket', async () => {
    // on Nov 2 alone c and d would be the top 2; over both days they are "Other"
    const rows = await run({ time: { grain: 'day' }, topN: { n: 2 }, order: [{ field: 'time' }, { field: 'provider' }] });
    expect(rows.map((r) => [String(r.time).slice(0, 10), r.provider, r.count])).toEqual([
      ['2025-11-01', 'Other', 1],
      ['2025-11-01', 'a', 3],
      ['2025-11-01', 'b', 2],
      ['2025-11-02', 'Other', 2],
      ['2025-11-02', null, 1],
    ]);
  });

  it('ranks by the first measure over the filtered rows', async () => {
    // generation_seconds >= 7: a 10+20+30 = 60, d 9, (null) 7 -> top 1 by sum: a; d folds
    expect(await run({ measures: ['sum(generation_seconds)'], filters: [{ field: 'generation_seconds', op: '>=', value: 7 }], topN: { n: 1 } })).toEqual([
      { provider: 'Other', 'sum(generation_seconds)': 9 },
      { provider: 'a', 'sum(generation_seconds)': 60 },
      { provider: null, 'sum(generation_seconds)': 7 },
    ]);
  });

  it('adds no "Other" when every value makes the top', async () => {
    expect((await run({ topN: { n: 10 } })).map((r) => r.provider)).toEqual(['a', 'b', 'c', 'd', null]);
  });
});
