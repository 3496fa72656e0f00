/**
 * The cube path answers exactly what the raw rows answer (percentiles within 1%): every spec
 * below runs both ways on the same imported events and the answers are compared; the specs the
 * cubes should serve are checked to have been served by them (their SQL reads the cube tables),
 * and those they cannot serve to have fallen back to the raw rows.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWorkspace } from '../../src-main/core/analyses/check';
import { cubeState } from '../../src-main/core/cubes/maintain';
import { engagement, runRetention } from '../../src-main/core/analyses/retention';
import { topN } from '../../src-main/core/analyses/top-n';
import { importFiles } from '../../src-main/core/import/importer';
import { explainQuery, runQuery } from '../../src-main/core/query/run-query';
import type { Workspace } from '../../src-main/core/workspace';
import type { ColumnarResult } from '../../src-shared/columnar';
import type { QuerySpec } from '../../src-shared/query-spec';
import { seededRandom as random } from '../helpers/random';
import { tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

let t: TempDir;
let ws: Workspace;

const pick = <T,>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Events over 10 days from 2026-03-25 (Europe's DST change on 03-29 lies inside), odd values included. */
function events(count: number, seed: number, firstId: number): string {
  const r = random(seed);
  const start = Date.UTC(2026, 2, 25);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = new Date(start + Math.floor(r() * 10 * 86_400_000)).toISOString();
    const latency = pick(r, [() => Math.round(r() * 200000) / 100, () => 0, () => -Math.round(r() * 500) / 10, () => 'n/a', () => undefined, () => 1e-4 * r()])();
    const attributes: Record<string, unknown> = { step: Math.floor(r() * 5) };
    if (latency !== undefined) attributes.latency_ms = latency;
    lines.push(
      JSON.stringify({
        event_id: `e${firstId + i}`,
        event_name: pick(r, ['view', 'view', 'add_to_cart', 'checkout', 'search']),
        occurred_at: at,
        tenant_id: pick(r, ['t1', 't2', 't3', null]),
        source: pick(r, ['web', 'app']),
        session_id: r() < 0.05 ? null : `s${Math.floor(r() * 400)}`,
        user_id: r() < 0.05 ? null : `u${Math.floor(r() * 120)}`,
        attributes,
      }),
    );
  }
  return lines.join('\n') + '\n';
}

beforeAll(async () => {
  t = tempDir();
  ws = await tempWorkspace(t);
  writeFileSync(t.path('a.ndjson'), events(4000, 1, 0));
  writeFileSync(t.path('b.ndjson'), events(1500, 2, 4000));
  await importFiles(ws, { dataset: 'ev', paths: [t.path('a.ndjson')] });
  // The second import appends its own cube rows to the first one's.
  await importFiles(ws, { dataset: 'ev', paths: [t.path('b.ndjson')] });
});
afterAll(() => {
  ws.closeSync();
  t.cleanup();
});

const base = { dataset: 'ev' };
const ALIGNED = { from: '2026-03-26T00:00:00Z', to: '2026-04-01T00:00:00Z' };
const CUT = { from: '2026-03-26T07:13:00Z', to: '2026-04-01T16:45:30Z' };

/** Specs the cubes answer. */
const SERVED: Record<string, QuerySpec> = {
  'count, all time': { ...base, measures: ['count'] },
  'count per hour': { ...base, measures: ['count'], time: { grain: 'hour' } },
  'count per day by event': { ...base, measures: ['count'], dimensions: ['event_name'], time: { grain: 'day' } },
  'count per week, aligned window': { ...base, measures: ['count'], time: { grain: 'week', ...ALIGNED } },
  'count per day, window cutting hours': { ...base, measures: ['count'], dimensions: ['tenant_id'], time: { grain: 'day', ...CUT } },
  'relative window ending at the watermark': { ...base, measures: ['count'], time: { grain: 'day', last: '3d' } },
  'filters on dimensions': {
    ...base,
    measures: ['count'],
    dimensions: ['source'],
    filters: [
      { field: 'event_name', op: 'in', value: ['view', 'checkout'] },
      { field: 'tenant_id', op: 'is not null' },
    ],
    time: { grain: 'month' },
  },
  'rate of a dimension': { ...base, measures: ['count', 'rate(event_name = checkout)'], dimensions: ['tenant_id'], time: CUT },
  'top N with Other': { ...base, measures: ['count'], dimensions: ['event_name'], topN: { n: 2 }, time: { grain: 'day', ...CUT } },
  'compare with the previous period': { ...base, measures: ['count', 'count_distinct(user_id)', 'count_distinct(session_id)'], time: { last: '4d' }, compare: 'previous_period' },
  'DAU per day': { ...base, measures: ['count_distinct(user_id)'], time: { grain: 'day' } },
  'DAU per day, window cutting days': { ...base, measures: ['count_distinct(user_id)'], time: { grain: 'day', ...CUT } },
  'users per week over the last 4 days, compared': { ...base, measures: ['count_distinct(user_id)'], time: { grain: 'week', last: '4d' }, compare: 'previous_period' },
  'distinct sessions per day by tenant, window cutting hours': { ...base, measures: ['count_distinct(session_id)', 'count'], dimensions: ['tenant_id'], time: { grain: 'day', ...CUT } },
  'top users': { ...base, measures: ['count'], dimensions: ['user_id'], filters: [{ field: 'user_id', op: 'is not null' }], order: [{ field: 'count', dir: 'desc' }, { field: 'user_id' }], limit: 10 },
  'order and limit': { ...base, measures: ['count'], dimensions: ['event_name'], order: [{ field: 'event_name', dir: 'desc' }], limit: 3 },
};

/** Percentile specs: served from histograms, within 1%. */
const PERCENTILES: Record<string, QuerySpec> = {
  'p50/p95/p99 per day': { ...base, measures: ['p50(latency_ms)', 'p95(latency_ms)', 'p99(latency_ms)'], time: { grain: 'day' } },
  'p95 per hour, window cutting hours': { ...base, measures: ['p95(latency_ms)'], time: { grain: 'hour', ...CUT } },
  'p75 over a relative window': { ...base, measures: ['p75(latency_ms)', 'p90(latency_ms)'], time: { last: '2d' } },
  'p50 of an integer attribute per week': { ...base, measures: ['p50(step)', 'p99(step)'], time: { grain: 'week' } },
};

/** Specs the cubes cannot answer: the raw rows do. */
const NOT_SERVED: Record<string, QuerySpec> = {
  'minute grain': { ...base, measures: ['count'], time: { grain: 'minute', from: '2026-03-26T00:00:00Z', to: '2026-03-26T02:00:00Z' } },
  'an attribute as dimension': { ...base, measures: ['count'], dimensions: ['step'] },
  'sum of an attribute': { ...base, measures: ['sum(latency_ms)'] },
  'distinct users by event name': { ...base, measures: ['count_distinct(user_id)'], dimensions: ['event_name'] },
  'percentile with a filter': { ...base, measures: ['p95(latency_ms)'], filters: [{ field: 'source', op: '=', value: 'web' }] },
  'percentile and count': { ...base, measures: ['p95(latency_ms)', 'count'] },
};

async function both(spec: QuerySpec): Promise<[ColumnarResult, ColumnarResult, string]> {
  const fast = await runQuery(ws, spec);
  const slow = await runQuery(ws, spec, { path: 'raw' });
  return [fast, slow, (await explainQuery(ws, spec)).sql];
}

const readsCubes = (q: string) => /tallybook\.(event_hours|entity_hours|value_hours|user_days)/.test(q);

describe('the cube path', () => {
  for (const [name, spec] of Object.entries(SERVED)) {
    it(`answers exactly as the raw rows: ${name}`, async () => {
      const [fast, slow, q] = await both(spec);
      expect(readsCubes(q)).toBe(true);
      expect(slow.rowCount).toBeGreaterThan(0);
      expect(fast).toEqual(slow);
    });
  }

  for (const [name, spec] of Object.entries(PERCENTILES)) {
    it(`answers percentiles within 1% of the raw rows: ${name}`, async () => {
      const [fast, slow, q] = await both(spec);
      expect(readsCubes(q)).toBe(true);
      expect(fast.columns).toEqual(slow.columns);
      expect(fast.rowCount).toBe(slow.rowCount);
      expect(slow.rowCount).toBeGreaterThan(0);
      slow.columns.forEach((_, j) => {
        slow.data[j]!.forEach((want, i) => {
          const got = fast.data[j]![i];
          if (typeof want === 'number' && typeof got === 'number') expect(Math.abs(got - want)).toBeLessThanOrEqual(0.01 * Math.abs(want) + 1e-12);
          else expect(got).toEqual(want);
        });
      });
    });
  }

  for (const [name, spec] of Object.entries(NOT_SERVED)) {
    it(`falls back to the raw rows: ${name}`, async () => {
      const [fast, slow, q] = await both(spec);
      expect(readsCubes(q)).toBe(false);
      expect(fast).toEqual(slow);
    });
  }

  it('counts daily users in UTC from user_days, and from entity_hours in other zones', async () => {
    const spec: QuerySpec = { ...base, measures: ['count_distinct(user_id)'], time: { grain: 'day' } };
    expect((await explainQuery(ws, spec)).sql).toContain('tallybook.user_days');
    // Whole UTC days hold each user once in user_days: rows are counted, no distinct needed;
    // a window cutting days adds raw rows of its edge days, and weeks hold a user on many days.
    expect((await explainQuery(ws, spec)).sql).not.toContain('count(DISTINCT');
    expect((await explainQuery(ws, { ...spec, time: { grain: 'day', ...CUT } })).sql).toContain('count(DISTINCT');
    expect((await explainQuery(ws, { ...spec, time: { grain: 'week' } })).sql).toContain('count(DISTINCT');
    try {
      await ws.updateSettings({ timeZone: 'Europe/Berlin' });
      expect((await explainQuery(ws, spec)).sql).toContain('tallybook.entity_hours');
    } finally {
      await ws.updateSettings({ timeZone: 'UTC' });
    }
  });

  it('serves day buckets in a whole-hour zone across its DST change, and not in a half-hour zone', async () => {
    const spec: QuerySpec = { ...base, measures: ['count', 'count_distinct(user_id)'], time: { grain: 'day' } };
    try {
      await ws.updateSettings({ timeZone: 'Europe/Berlin' });
      const [fast, slow, q] = await both(spec);
      expect(readsCubes(q)).toBe(true);
      expect(fast).toEqual(slow);
      await ws.updateSettings({ timeZone: 'Asia/Kolkata' });
      const [fast2, slow2, q2] = await both(spec);
      expect(readsCubes(q2)).toBe(false);
      expect(fast2).toEqual(slow2);
    } finally {
      await ws.updateSettings({ timeZone: 'UTC' });
    }
  });

  it('counts what the file holds (a second method: counting the generated lines in JS)', async () => {
    const lines = [events(4000, 1, 0), events(1500, 2, 4000)].join('').trim().split('\n').map((l) => JSON.parse(l) as { event_name: string });
    const checkouts = lines.filter((e) => e.event_name === 'checkout').length;
    const r = await runQuery(ws, { ...base, measures: ['count'], filters: [{ field: 'event_name', op: '=', value: 'checkout' }] });
    expect(r.data[0]).toEqual([checkouts]);
  });
});

describe('cube maintenance and check', () => {
  it('finds the cubes of two imports equal to the raw rows, and reports a tampered cube', async () => {
    const ok = await checkWorkspace(ws, 'ev');
    expect(ok.ok).toBe(true);
    expect(ok.cubes?.map((c) => [c.cube, c.mismatches, c.stale])).toEqual([
      ['tallybook.event_hours', 0, false],
      ['tallybook.entity_hours', 0, false],
      ['tallybook.user_days', 0, false],
      ['tallybook.value_hours', 0, false],
    ]);
    // The second import added days between those of the first: prev_day was set afresh for them.
    expect(await ws.db.value(`SELECT count(*) FROM tallybook.user_days WHERE dataset = 'ev' AND prev_day IS NULL`)).toBe(
      await ws.db.value(`SELECT count(DISTINCT user_id) FROM ev WHERE user_id IS NOT NULL`),
    );
    // One stored hour counts one event too many: the check names the cube.
    await ws.db.run(`UPDATE tallybook.event_hours SET n = n + 1 WHERE rowid = (SELECT min(rowid) FROM tallybook.event_hours WHERE dataset = 'ev')`);
    try {
      const bad = await checkWorkspace(ws, 'ev');
      expect(bad.ok).toBe(false);
      expect(bad.cubes?.filter((c) => c.mismatches > 0).map((c) => [c.cube, c.mismatches])).toEqual([['tallybook.event_hours', 1]]);
    } finally {
      await ws.db.run(`UPDATE tallybook.event_hours SET n = n - 1 WHERE rowid = (SELECT min(rowid) FROM tallybook.event_hours WHERE dataset = 'ev')`);
    }
  });

  it('keeps histograms of the numeric attributes found in the first rows', async () => {
    expect(await cubeState(ws.db, 'ev')).toEqual({ version: 2, histogramFields: ['step', 'latency_ms'] });
  });

  it('gives DAU/WAU/MAU from user_days (UTC) and entity_hours (Berlin) equal to those from the raw rows, also in windows cutting hours', async () => {
    const stale = (by: number) => ws.db.run(`UPDATE tallybook.cube_state SET version = version + ? WHERE dataset = 'ev'`, [by]);
    // Windows cut at either end or both (the last day then counts only users active before `to`).
    const windows = [{}, ALIGNED, CUT, { from: CUT.from, to: ALIGNED.to }, { from: ALIGNED.from, to: CUT.to }, { to: '2026-03-30T00:00:00.001Z' }];
    for (const timeZone of ['UTC', 'Europe/Berlin']) {
      await ws.updateSettings({ timeZone });
      for (const req of windows.map((w) => ({ dataset: 'ev', ...w })) as { dataset: string; from?: string; to?: string }[]) {
        const fast = await engagement(ws, req);
        if (timeZone === 'UTC') expect(await engagementReadsPrevDays(req)).toBe(true);
        await stale(-1);
        const slow = await engagement(ws, req).finally(() => stale(1));
        expect(fast.rowCount).toBeGreaterThan(5);
        expect(fast).toEqual(slow);
      }
    }
    await ws.updateSettings({ timeZone: 'UTC' });
  });

  it('gives retention over any event by user from the active-user cubes equal to retention from the raw rows', async () => {
    const stale = (by: number) => ws.db.run(`UPDATE tallybook.cube_state SET version = version + ? WHERE dataset = 'ev'`, [by]);
    const requests = [
      { dataset: 'ev', interval: 'day', periods: 5 },
      { dataset: 'ev', interval: 'week', cohort: 'recurring', periods: 2, ...CUT },
      { dataset: 'ev', interval: 'day', cohort: 'first_time', periods: 3, ...CUT },
      { dataset: 'ev', interval: 'day', cohort: 'recurring', periods: 4, from: CUT.from },
      { dataset: 'ev', interval: 'month', ...ALIGNED },
    ] as const;
    for (const timeZone of ['UTC', 'Europe/Berlin']) {
      await ws.updateSettings({ timeZone });
      for (const req of requests) {
        const seen = await tracing(() => runRetention(ws, req));
        expect(seen.some((q) => q.includes(timeZone === 'UTC' ? 'tallybook.user_days' : 'tallybook.entity_hours'))).toBe(true);
        const fast = await runRetention(ws, req);
        await stale(-1);
        const slow = await runRetention(ws, req).finally(() => stale(1));
        expect(fast.cohorts.length).toBeGreaterThan(0);
        expect(fast).toEqual(slow);
      }
    }
    await ws.updateSettings({ timeZone: 'UTC' });
    // A start or return event, or sessions, need the events themselves.
    const named = await tracing(() => runRetention(ws, { dataset: 'ev', startEvent: 'view' }));
    expect(named.some((q) => q.includes('tallybook.user_days'))).toBe(false);
  });

  /** The SQL the Db ran while fn ran. */
  async function tracing(fn: () => Promise<unknown>): Promise<string[]> {
    const seen: string[] = [];
    const { columnar } = ws.db;
    ws.db.columnar = (q, params) => (seen.push(q), columnar.call(ws.db, q, params));
    try {
      await fn();
    } finally {
      ws.db.columnar = columnar;
    }
    return seen;
  }

  /** Whether engagement reads user_days with prev_day for the request (its SQL, traced through the Db). */
  async function engagementReadsPrevDays(req: { dataset: string; from?: string; to?: string }): Promise<boolean> {
    return (await tracing(() => engagement(ws, req))).some((q) => q.includes('prev_day'));
  }

  it('gives top-N from the count cubes equal to top-N from the raw rows, in windows cutting hours', async () => {
    const stale = (by: number) => ws.db.run(`UPDATE tallybook.cube_state SET version = version + ? WHERE dataset = 'ev'`, [by]);
    const requests = [
      { dataset: 'ev', field: 'user_id', n: 10 },
      { dataset: 'ev', field: 'event_name', n: 2, per: 'tenant_id', ...CUT },
      { dataset: 'ev', field: 'session_id', n: 5, per: 'source', from: CUT.from },
      { dataset: 'ev', field: 'step', n: 3 },
    ];
    for (const req of requests) {
      const fast = await topN(ws, req);
      await stale(-1);
      const slow = await topN(ws, req).finally(() => stale(1));
      expect(fast.rowCount).toBeGreaterThan(2);
      expect(fast).toEqual(slow);
    }
  });

  it('never reads cubes that are not of the dataset’s current version: the raw rows answer', async () => {
    const spec: QuerySpec = { ...base, measures: ['count'], time: { grain: 'day' } };
    const before = await runQuery(ws, spec);
    await ws.db.run(`UPDATE tallybook.cube_state SET version = version - 1 WHERE dataset = 'ev'`);
    try {
      expect(readsCubes((await explainQuery(ws, spec)).sql)).toBe(false);
      expect(await runQuery(ws, spec)).toEqual(before);
      expect((await checkWorkspace(ws, 'ev')).cubes).toEqual([{ dataset: 'ev', cube: 'all', rows_checked: 0, mismatches: 0, stale: true }]);
    } finally {
      await ws.db.run(`UPDATE tallybook.cube_state SET version = version + 1 WHERE dataset = 'ev'`);
    }
  });
});
