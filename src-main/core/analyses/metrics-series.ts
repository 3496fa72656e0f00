/**
 * Metrics snapshots (seed 000): series per metric, derived rates and threshold rules, over a
 * metrics dataset (ts TIMESTAMPTZ, metric VARCHAR dotted path, value DOUBLE). Every metric asked
 * for must exist in the dataset (else 'unknown_field' with the closest name).
 *
 * - series: raw points (time = ts) or, with a grain, the average value per bucket (buckets in
 *   the workspace time zone, time = bucket start).
 * - derived rate = numerator / sum(denominator metrics), e.g. cache hit rate =
 *   cache.hits / (cache.hits + cache.misses) is {numerator: 'cache.hits', denominator:
 *   ['cache.hits', 'cache.misses']}. Per snapshot (one ts) when no grain is given; with a grain,
 *   sum of numerators / sum of denominators over the bucket's snapshots (a volume-weighted rate,
 *   not an average of rates). Only snapshots that recorded every metric involved count; the
 *   rate is null when the denominator is 0.
 * - threshold rule: `<metric path> <op> <number>` with op one of < <= > >= = !=; every point
 *   that satisfies the comparison is a breach.
 */
import type { DerivedRateRequest, MetricSeriesRequest, ThresholdBreach } from '../../../src-shared/analyses';
import type { ColumnarResult } from '../../../src-shared/columnar';
import { UserError } from '../../../src-shared/errors';
import { GRAINS, type Grain } from '../../../src-shared/query-spec';
import type { DatasetInfo } from '../../../src-shared/datasets';
import type { Workspace } from '../workspace';
import { ident, join, raw, sql, type Fragment } from '../query/fragment';
import { closest } from '../query/suggest';
import { bucketStart } from '../query/time-range';
import { requireKind, timeBounds } from './inputs';

export const THRESHOLD_OPS = ['<', '<=', '>', '>=', '=', '!='] as const;
export type ThresholdOp = (typeof THRESHOLD_OPS)[number];

export interface ThresholdRule {
  readonly rule: string;
  readonly metric: string;
  readonly op: ThresholdOp;
  readonly threshold: number;
}

const SQL_OPS: Readonly<Record<ThresholdOp, string>> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '=': '=', '!=': '<>' };
const RULE = /^\s*([^\s<>=!]+)\s*(<=|>=|!=|<|>|=)\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*$/;

/** Parses `planner.resolution_rate < 0.8`; anything else is a 'bad_request' naming the rule. */
export function parseThresholdRule(rule: string): ThresholdRule {
  const m = typeof rule === 'string' ? RULE.exec(rule) : null;
  if (!m) {
    throw new UserError('bad_request', `threshold rule "${String(rule)}" is not "<metric> <op> <number>"`, `e.g. planner.resolution_rate < 0.8; ops: ${THRESHOLD_OPS.join(' ')}`);
  }
  return { rule, metric: m[1]!, op: m[2] as ThresholdOp, threshold: Number(m[3]) };
}

/** Throws 'unknown_field' for the first metric the dataset never recorded. */
async function requireMetrics(ws: Workspace, info: DatasetInfo, metrics: readonly string[]): Promise<void> {
  const wanted = [...new Set(metrics)];
  const q = sql`SELECT DISTINCT metric FROM ${ident(info.name)} WHERE metric IN (${join(wanted.map((m) => sql`${m}`), ', ')})`;
  const found = new Set((await ws.db.rows(q.sql, q.params)).map((r) => String(r.metric)));
  const missing = wanted.find((m) => !found.has(m));
  if (missing === undefined) return;
  const all = (await ws.db.rows(`SELECT DISTINCT metric FROM ${ident(info.name).sql} ORDER BY metric`)).map((r) => String(r.metric));
  const near = closest(missing, all);
  throw new UserError(
    'unknown_field',
    `metric "${missing}" is not in dataset "${info.name}"`,
    near !== null ? `did you mean ${near}?` : `metrics here include: ${all.slice(0, 10).join(', ')}${all.length > 10 ? ', …' : ''}`,
  );
}

function checkGrain(grain: Grain | undefined): void {
  if (grain !== undefined && !GRAINS.includes(grain)) {
    throw new UserError('bad_request', `grain "${String(grain)}" is not one of ${GRAINS.join(', ')}`, 'e.g. grain: hour');
  }
}

function nonEmptyNames(names: unknown, what: string): readonly string[] {
  const list = typeof names === 'string' ? [names] : names;
  if (!Array.isArray(list) || list.length === 0 || list.some((m) => typeof m !== 'string' || m === '')) {
    throw new UserError('bad_request', `${what} needs one or more metric names`, 'e.g. cache.hits');
  }
  return list as string[];
}

/** The time column of the output: ts itself, or the start of its bucket. */
async function timeOf(ws: Workspace, grain: Grain | undefined): Promise<Fragment> {
  if (grain === undefined) return raw('ts');
  const { timeZone, weekStart } = await ws.settings();
  return bucketStart(raw('ts'), { grain, timeZone, weekStart });
}

/** Columns: time, metric, value (raw points, or the average per bucket). */
export async function metricSeries(ws: Workspace, req: MetricSeriesRequest): Promise<ColumnarResult> {
  const info = await requireKind(ws, req.dataset, ['metrics'], 'metric series');
  const metrics = nonEmptyNames(req.metrics, 'a metric series');
  checkGrain(req.grain);
  const range = timeBounds(raw('ts'), req.from, req.to);
  await requireMetrics(ws, info, metrics);
  const time = await timeOf(ws, req.grain);
  const value = raw(req.grain === undefined ? 'value' : 'avg(value)');
  const group = raw(req.grain === undefined ? '' : 'GROUP BY ALL');
  const query = sql`SELECT ${time} AS time, metric, ${value} AS value FROM ${ident(info.name)}
    WHERE metric IN (${join(metrics.map((m) => sql`${m}`), ', ')}) AND ${range} ${group}
    ORDER BY time, metric`;
  return ws.db.columnar(query.sql, query.params);
}

/** Columns: time, numerator, denominator (summed values), rate. */
export async function derivedRate(ws: Workspace, req: DerivedRateRequest): Promise<ColumnarResult> {
  const info = await requireKind(ws, req.dataset, ['metrics'], 'a derived rate');
  const [numerator] = nonEmptyNames(req.numerator, 'the numerator');
  const denominator = nonEmptyNames(req.denominator, 'the denominator');
  checkGrain(req.grain);
  const range = timeBounds(raw('ts'), req.from, req.to);
  const involved = [...new Set([numerator!, ...denominator])];
  await requireMetrics(ws, info, involved);
  const time = await timeOf(ws, req.grain);
  const list = (names: readonly string[]) => join(names.map((m) => sql`${m}`), ', ');
  const query = sql`
    WITH snapshots AS (
      SELECT ts, sum(value) FILTER (WHERE metric = ${numerator!}) AS num,
             sum(value) FILTER (WHERE metric IN (${list(denominator)})) AS den
      FROM ${ident(info.name)} WHERE metric IN (${list(involved)}) AND ${range}
      GROUP BY ts HAVING count(DISTINCT metric) = ${involved.length}
    )
    SELECT ${time} AS time, sum(num) AS numerator, sum(den) AS denominator,
           CASE WHEN sum(den) = 0 THEN NULL ELSE sum(num) / sum(den) END AS rate
    FROM snapshots GROUP BY ALL ORDER BY time`;
  return ws.db.columnar(query.sql, query.params);
}

/** Every point breaching one of the rules, ordered by time then rule. */
export async function evaluateThresholds(ws: Workspace, dataset: string, rules: readonly string[]): Promise<ThresholdBreach[]> {
  const info = await requireKind(ws, dataset, ['metrics'], 'threshold rules');
  const parsed = rules.map(parseThresholdRule);
  if (parsed.length === 0) return [];
  await requireMetrics(ws, info, parsed.map((r) => r.metric));
  const selects = parsed.map(
    (r, i) => sql`SELECT ${raw(String(i))} AS i, metric, ts, value FROM ${ident(info.name)}
      WHERE metric = ${r.metric} AND value ${raw(SQL_OPS[r.op])} ${r.threshold}`,
  );
  const query = sql`SELECT * FROM (${join(selects, ' UNION ALL ')}) ORDER BY ts, i`;
  const rows = await ws.db.rows(query.sql, query.params);
  return rows.map((r) => ({
    rule: parsed[Number(r.i)]!.rule,
    metric: String(r.metric),
    ts: String(r.ts),
    value: Number(r.value),
  }));
}
