import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkParity, readRollups, rebuildRollups } from '../../src-main/core/analyses/rollups';
import type { Workspace } from '../../src-main/core/workspace';
import { toRowObjects } from '../../src-shared/columnar';
import { makeDataset, tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

let t: TempDir;
let ws: Workspace;

// 2025-12-31 is a Wednesday (its ISO week starts Monday 2025-12-29); 2026-01-05 is a Monday.
const EVENTS = `SELECT * FROM (VALUES
  ('e1', 'view', TIMESTAMPTZ '2025-12-31 23:30:00+00'),
  ('e2', 'view', TIMESTAMPTZ '2026-01-01 00:10:00+00'),
  ('e3', 'view', TIMESTAMPTZ '2026-01-01 10:00:00+00'),
  ('e4', 'download', TIMESTAMPTZ '2026-01-05 09:00:00+00')
) t(event_id, event_name, occurred_at)`;

beforeEach(async () => {
  t = tempDir();
  ws = await tempWorkspace(t);
  await makeDataset(ws, 'crawler', 'events', EVENTS, 'occurred_at');
  await rebuildRollups(ws.db, 'crawler');
});
afterEach(() => {
  ws.closeSync();
  t.cleanup();
});

const read = async (grain: Parameters<typeof readRollups>[2], from?: string, to?: string) =>
  toRowObjects(await readRollups(ws, 'crawler', grain, from, to)).map((r) => [r.bucket, r.event_name, r.count]);

describe('rollups', () => {
  it('counts events per UTC day, ISO week, month, year and in total', async () => {
    expect(await read('day')).toEqual([
      ['2025-12-31T00:00:00Z', 'view', 1],
      ['2026-01-01T00:00:00Z', 'view', 2],
      ['2026-01-05T00:00:00Z', 'download', 1],
    ]);
    expect(await read('week')).toEqual([
      ['2025-12-29T00:00:00Z', 'view', 3], // Wed 12-31 and Thu 01-01 share the week of Mon 12-29
      ['2026-01-05T00:00:00Z', 'download', 1],
    ]);
    expect(await read('month')).toEqual([
      ['2025-12-01T00:00:00Z', 'view', 1],
      ['2026-01-01T00:00:00Z', 'download', 1],
      ['2026-01-01T00:00:00Z', 'view', 2],
    ]);
    expect(await read('year')).toEqual([
      ['2025-01-01T00:00:00Z', 'view', 1],
      ['2026-01-01T00:00:00Z', 'download', 1],
      ['2026-01-01T00:00:00Z', 'view', 2],
    ]);
    expect(await read('total')).toEqual([
      [null, 'download', 1],
      [null, 'view', 3],
    ]);
  });

  it('reads buckets in [from, to)', async () => {
    expect(await read('day', '2026-01-01T00:00:00Z', '2026-01-05T00:00:00Z')).toEqual([['2026-01-01T00:00:00Z', 'view', 2]]);
  });

  it('replaces a dataset’s rollups when rebuilt, never adds to them', async () => {
    await rebuildRollups(ws.db, 'crawler');
    // 3 day + 2 week + 3 month + 3 year + 2 total buckets
    expect(await ws.db.value(`SELECT count(*) FROM tallybook.rollups WHERE dataset = 'crawler'`)).toBe(13);
    expect((await checkParity(ws, 'crawler')).ok).toBe(true);
  });

  it('refuses an unknown grain', async () => {
    await expect(readRollups(ws, 'crawler', 'hour' as never)).rejects.toMatchObject({ code: 'bad_request' });
  });
});

describe('parity check', () => {
  it('finds rollups that match the raw rows', async () => {
    expect(await checkParity(ws, 'crawler')).toEqual({
      ok: true,
      datasets: [{ dataset: 'crawler', buckets_checked: 13, mismatches: 0 }],
      mismatches: [],
    });
  });

  it('reports a changed count, a deleted bucket, an extra bucket and a duplicated row', async () => {
    await ws.db.run(`UPDATE tallybook.rollups SET count = 5 WHERE grain = 'day' AND bucket = TIMESTAMPTZ '2026-01-01 00:00:00+00'`);
    await ws.db.run(`DELETE FROM tallybook.rollups WHERE grain = 'week' AND event_name = 'download'`);
    await ws.db.run(`INSERT INTO tallybook.rollups VALUES ('crawler', 'month', TIMESTAMPTZ '2026-02-01 00:00:00+00', 'view', 4)`);
    await ws.db.run(`INSERT INTO tallybook.rollups VALUES ('crawler', 'total', NULL, 'view', 3)`);
    const r = await checkParity(ws, 'crawler');
    expect(r.ok).toBe(false);
    // 13 buckets + the extra February one
    expect(r.datasets).toEqual([{ dataset: 'crawler', buckets_checked: 14, mismatches: 4 }]);
    expect(r.mismatches).toEqual([
      { dataset: 'crawler', grain: 'day', bucket: '2026-01-01T00:00:00Z', event_name: 'view', rollup_count: 5, raw_count: 2 },
      { dataset: 'crawler', grain: 'week', bucket: '2026-01-05T00:00:00Z', event_name: 'download', rollup_count: 0, raw_count: 1 },
      { dataset: 'crawler', grain: 'month', bucket: '2026-02-01T00:00:00Z', event_name: 'view', rollup_count: 4, raw_count: 0 },
      { dataset: 'crawler', grain: 'total', bucket: 'total', event_name: 'view', rollup_count: 6, raw_count: 3 }, // 3 + the copy's 3
    ]);

    await rebuildRollups(ws.db, 'crawler');
    expect((await checkParity(ws, 'crawler')).ok).toBe(true);
  });

  it('reports raw rows added behind the rollups’ back', async () => {
    await ws.db.run(`INSERT INTO crawler VALUES ('e5', 'view', TIMESTAMPTZ '2025-12-31 08:00:00+00')`);
    const r = await checkParity(ws, 'crawler');
    // the day, week, month, year and total buckets of that view each count one more raw row
    expect(r.mismatches.map((m) => [m.grain, m.bucket, m.rollup_count, m.raw_count])).toEqual([
      ['day', '2025-12-31T00:00:00Z', 1, 2],
      ['week', '2025-12-29T00:00:00Z', 3, 4],
      ['month', '2025-12-01T00:00:00Z', 1, 2],
      ['year', '2025-01-01T00:00:00Z', 1, 2],
      ['total', 'total', 3, 4],
    ]);
  });

  it('covers every events dataset when none is named, and only events datasets', async () => {
    await makeDataset(ws, 'never_rolled', 'events', `SELECT 'x1' AS event_id, 'ping' AS event_name, TIMESTAMPTZ '2026-03-04 05:06:07+00' AS occurred_at`, 'occurred_at');
    await makeDataset(ws, 'jobs', 'jobs', `SELECT 'j1' AS job_id`, null);
    const r = await checkParity(ws);
    // never_rolled has no rollups: its day, week, month, year and total buckets are all missing
    expect(r.ok).toBe(false);
    expect(r.datasets).toEqual([
      { dataset: 'crawler', buckets_checked: 13, mismatches: 0 },
      { dataset: 'never_rolled', buckets_checked: 5, mismatches: 5 },
    ]);
    await expect(checkParity(ws, 'jobs')).rejects.toMatchObject({ code: 'wrong_kind' });
  });
});
