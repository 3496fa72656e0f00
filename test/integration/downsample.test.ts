/**
 * maxPoints: a long series keeps, per run of buckets, its lowest and highest values — so a spike
 * and a dip survive — and every kept value equals the full series' value at that time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQuery } from '../../src-main/core/query/run-query';
import type { Workspace } from '../../src-main/core/workspace';
import { toRowObjects } from '../../src-shared/columnar';
import { makeDataset, tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

let t: TempDir;
let ws: Workspace;

// 1,000 minutes from 2026-01-01 00:00Z; in series "a" minute m has (m % 7) + 1 events, except
// minute 500 (a spike of 50) and minute 700 (none: the dip is a missing bucket, so the lowest
// kept there is a 1 from m % 7 = 0); series "b" has 2 events a minute for its first 30 minutes.
beforeAll(async () => {
  t = tempDir();
  ws = await tempWorkspace(t);
  await makeDataset(
    ws,
    'ev',
    'events',
    `SELECT 'e' || m || '-' || k AS event_id, 'a' AS source, TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_minutes(m) AS occurred_at
       FROM range(1000) r(m), range(50) s(k)
       WHERE m <> 700 AND k < CASE WHEN m = 500 THEN 50 ELSE m % 7 + 1 END
     UNION ALL
     SELECT 'f' || m || '-' || k, 'b', TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_minutes(m) FROM range(30) r(m), range(2) s(k)`,
    'occurred_at',
  );
});
afterAll(() => {
  ws.closeSync();
  t.cleanup();
});

const series = async (maxPoints?: number) =>
  toRowObjects(await runQuery(ws, { dataset: 'ev', measures: ['count'], dimensions: ['source'], time: { grain: 'minute' }, ...(maxPoints ? { maxPoints } : {}) }));

describe('maxPoints', () => {
  it('thins a 999-point series to at most maxPoints, keeping the spike and exact values, and leaves a short one whole', async () => {
    const full = await series();
    const thin = await series(100);
    const a = thin.filter((r) => r.source === 'a');
    const b = thin.filter((r) => r.source === 'b');
    expect(full.filter((r) => r.source === 'a')).toHaveLength(999);
    expect(a.length).toBeLessThanOrEqual(100);
    expect(a.length).toBeGreaterThanOrEqual(50);
    expect(b).toEqual(full.filter((r) => r.source === 'b'));
    expect(a.find((r) => r.count === 50)?.time).toBe('2026-01-01T08:20:00Z');
    const exact = new Map(full.map((r) => [`${r.source} ${r.time}`, r.count]));
    for (const r of thin) expect(r.count).toBe(exact.get(`${r.source} ${r.time}`));
    const times = a.map((r) => String(r.time));
    expect([...times].sort()).toEqual(times);
  });

  it('is refused without a grain, or out of range', async () => {
    await expect(runQuery(ws, { dataset: 'ev', measures: ['count'], maxPoints: 100 })).rejects.toMatchObject({ code: 'bad_spec' });
    await expect(runQuery(ws, { dataset: 'ev', measures: ['count'], time: { grain: 'day' }, maxPoints: 2 })).rejects.toMatchObject({ code: 'bad_spec' });
  });
});
