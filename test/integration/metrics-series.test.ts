import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivedRate, evaluateThresholds, metricSeries, parseThresholdRule } from '../../src-main/core/analyses/metrics-series';
import type { Workspace } from '../../src-main/core/workspace';
import { toRowObjects } from '../../src-shared/columnar';
import { makeDataset, tempDir, tempWorkspace, type TempDir } from '../helpers/workspace';

let t: TempDir;
let ws: Workspace;

/** Snapshot time on 2024-05-06 (UTC) -> metric -> value, as seed 000 writes them. */
const SNAPSHOTS: Record<string, Record<string, number>> = {
  '12:00': { 'cache.hits': 10, 'cache.misses': 2, 'cache.evictions': 1, 'planner.resolution_rate': 0.9 },
  '12:30': { 'cache.hits': 30, 'cache.misses': 10, 'planner.resolution_rate': 0.75 },
  '13:10': { 'cache.hits': 8, 'cache.misses': 0, 'planner.resolution_rate': 0.8 },
  '13:20': { 'cache.hits': 0, 'cache.misses': 0, 'planner.resolution_rate': 0.5 },
  '13:40': { 'cache.hits': 5 }, // no misses recorded: left out of the hit rate
};

beforeAll(async () => {
  t = tempDir();
  ws = await tempWorkspace(t);
  const values = Object.entries(SNAPSHOTS).flatMap(([time, metrics]) =>
    Object.entries(metrics).map(([m, v]) => `(TIMESTAMPTZ '2024-05-06 ${time}:00+00', '${m}', ${v}::DOUBLE, 'snap-${time}.json')`),
  );
  await makeDataset(ws, 'runs', 'metrics', `SELECT * FROM (VALUES ${values.join(', ')}) t(ts, metric, value, source_file)`, 'ts');
});
afterAll(() => {
  ws.closeSync();
  t.cleanup();
});

const at = (time: string) => `2024-05-06T${time}:00Z`;

describe('metric series', () => {
  it('returns the raw points of each metric asked for', async () => {
    const r = await metricSeries(ws, { dataset: 'runs', metrics: ['planner.resolution_rate', 'cache.evictions'] });
    expect(r.columns.map((c) => c.name)).toEqual(['time', 'metric', 'value']);
    expect(toRowObjects(r)).toEqual([
      { time: at('12:00'), metric: 'cache.evictions', value: 1 },
      { time: at('12:00'), metric: 'planner.resolution_rate', value: 0.9 },
      { time: at('12:30'), metric: 'planner.resolution_rate', value: 0.75 },
      { time: at('13:10'), metric: 'planner.resolution_rate', value: 0.8 },
      { time: at('13:20'), metric: 'planner.resolution_rate', value: 0.5 },
    ]);
  });

  it('averages the points of a bucket when a grain is given', async () => {
    const r = toRowObjects(await metricSeries(ws, { dataset: 'runs', metrics: ['planner.resolution_rate'], grain: 'hour' }));
    expect(r.map((p) => p.time)).toEqual([at('12:00'), at('13:00')]);
    expect(r[0]!.value).toBeCloseTo((0.9 + 0.75) / 2, 12); // 0.825
    expect(r[1]!.value).toBeCloseTo((0.8 + 0.5) / 2, 12); // 0.65
  });

  it('filters points to [from, to)', async () => {
    const r = toRowObjects(await metricSeries(ws, { dataset: 'runs', metrics: ['cache.hits'], from: at('12:30'), to: at('13:40') }));
    expect(r.map((p) => [p.time, p.value])).toEqual([[at('12:30'), 30], [at('13:10'), 8], [at('13:20'), 0]]);
  });

  it('names the closest metric when one is unknown', async () => {
    await expect(metricSeries(ws, { dataset: 'runs', metrics: ['cache.hit'] })).rejects.toMatchObject({ code: 'unknown_field', hint: 'did you mean cache.hits?' });
  });

  it('refuses a dataset that is not a metrics dataset', async () => {
    await makeDataset(ws, 'clicks', 'events', `SELECT 'e1' AS event_id, 'click' AS event_name, TIMESTAMPTZ '2024-05-06 12:00:00+00' AS occurred_at`, 'occurred_at');
    await expect(metricSeries(ws, { dataset: 'clicks', metrics: ['x'] })).rejects.toMatchObject({ code: 'wrong_kind', hint: 'metrics datasets here: runs' });
  });
});

describe('derived rates', () => {
  const hitRate = { dataset: 'runs', numerator: 'cache.hits', denominator: ['cache.hits', 'cache.misses'] } as const;

  it('gives cache hit rate = hits / (hits + misses) per snapshot, null when nothing was asked', async () => {
    const r = await derivedRate(ws, hitRate);
    expect(r.columns.map((c) => c.name)).toEqual(['time', 'numerator', 'denominator', 'rate']);
    const rows = toRowObjects(r);
    // 10/12; 30/40 = 0.75; 8/8 = 1; 0/0 -> null; 13:40 lacks misses and is left out
    expect(rows.map((p) => [p.time, p.numerator, p.denominator])).toEqual([
      [at('12:00'), 10, 12],
      [at('12:30'), 30, 40],
      [at('13:10'), 8, 8],
      [at('13:20'), 0, 0],
    ]);
    expect(rows[0]!.rate).toBeCloseTo(10 / 12, 12);
    expect(rows.slice(1).map((p) => p.rate)).toEqual([0.75, 1, null]);
  });

  it('weights a bucket’s snapshots by volume: sum of hits over sum of requests', async () => {
    const rows = toRowObjects(await derivedRate(ws, { ...hitRate, grain: 'hour' }));
    // 12:00 hour: (10 + 30) / (12 + 40) = 40 / 52; 13:00 hour: (8 + 0) / (8 + 0) = 1
    expect(rows.map((p) => [p.time, p.numerator, p.denominator])).toEqual([[at('12:00'), 40, 52], [at('13:00'), 8, 8]]);
    expect(rows[0]!.rate).toBeCloseTo(40 / 52, 12);
    expect(rows[1]!.rate).toBe(1);
  });

  it('takes a single denominator metric as is', async () => {
    const rows = toRowObjects(await derivedRate(ws, { dataset: 'runs', numerator: 'cache.evictions', denominator: 'cache.hits' }));
    expect(rows).toEqual([{ time: at('12:00'), numerator: 1, denominator: 10, rate: 0.1 }]); // 1 / 10
  });
});

describe('threshold rules', () => {
  it('parses a metric path, an operator and a number', () => {
    expect(parseThresholdRule('planner.resolution_rate < 0.8')).toEqual({ rule: 'planner.resolution_rate < 0.8', metric: 'planner.resolution_rate', op: '<', threshold: 0.8 });
    expect(parseThresholdRule('guardrail_fix_count.letter>=-1.5e2')).toMatchObject({ metric: 'guardrail_fix_count.letter', op: '>=', threshold: -150 });
    expect(parseThresholdRule(' a.b != 3 ')).toMatchObject({ metric: 'a.b', op: '!=', threshold: 3 });
  });

  it.each(['planner.resolution_rate <', 'planner.resolution_rate ~ 0.8', 'planner.resolution_rate < high', '< 0.8', 'a < 1 < 2'])(
    'refuses "%s" and names it',
    (rule) => {
      expect(() => parseThresholdRule(rule)).toThrow(expect.objectContaining({ code: 'bad_request', message: expect.stringContaining(`"${rule}"`) }));
    },
  );

  it('lists every point that breaches a rule, by time', async () => {
    const breaches = await evaluateThresholds(ws, 'runs', ['planner.resolution_rate < 0.8', 'cache.misses >= 10', 'cache.evictions = 1']);
    // 0.8 itself is not < 0.8; misses reach 10 only at 12:30
    expect(breaches).toEqual([
      { rule: 'cache.evictions = 1', metric: 'cache.evictions', ts: at('12:00'), value: 1 },
      { rule: 'planner.resolution_rate < 0.8', metric: 'planner.resolution_rate', ts: at('12:30'), value: 0.75 },
      { rule: 'cache.misses >= 10', metric: 'cache.misses', ts: at('12:30'), value: 10 },
      { rule: 'planner.resolution_rate < 0.8', metric: 'planner.resolution_rate', ts: at('13:20'), value: 0.5 },
    ]);
  });

  it('refuses a rule on a metric the dataset never recorded', async () => {
    await expect(evaluateThresholds(ws, 'runs', ['planner.resolution < 0.8'])).rejects.toMatchObject({ code: 'unknown_field' });
  });
});
