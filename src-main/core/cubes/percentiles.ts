/**
 * Percentiles of a histogrammed attribute from value_hours: the buckets of the window's hours
 * (edge hours from the raw rows, bucketed the same way) are summed per time bucket, walked in
 * value order, and quantile_cont's rule applied to the bucket representatives: for p over N
 * values, the values of rank ⌊(N−1)p⌋ and ⌈(N−1)p⌉ (0-based), linearly interpolated. Each
 * representative is within HISTOGRAM_ALPHA of the value it stands for, so the answer is within
 * it too (when the two values share a sign). The time buckets are those of every event in the
 * window, as on the raw rows, where a bucket without values has NULL percentiles.
 * Served: percentiles only, of one attribute, with no dimensions, filters, top N, comparison,
 * order or limit.
 */
import type { QuerySpec } from '../../../src-shared/query-spec';
import type { BuiltQuery } from '../query/build-query';
import { TIME_OUTPUT } from '../query/build-query';
import { jsonPointer, ATTRIBUTES_COLUMN, type FieldResolver } from '../query/fields';
import { ident, join, raw, sql, type Fragment } from '../query/fragment';
import type { ParsedMeasure } from '../query/measures';
import { bucketStart, windowCondition, type TimeField, type TimeWindow } from '../query/time-range';
import { EVENT_HOURS, TIME, VALUE_HOURS } from './cube-tables';
import { withEdges } from './cube-window';
import { bucketOf, representative, signOf, valueOrder } from './histogram';
import type { CubeContext } from './route';

const QUANTILE: Record<string, number> = { p50: 0.5, p75: 0.75, p90: 0.9, p95: 0.95, p99: 0.99 };

/** (occurred_at, sign, bucket, n) of one attribute: cube hours outside the edges + raw edge rows. */
function histogramRelation(dataset: string, field: string, windows: readonly TimeWindow[]): Fragment {
  const value = sql`TRY_CAST(json_extract_string(${ident(ATTRIBUTES_COLUMN)}, ${jsonPointer(field)}) AS DOUBLE)`;
  return withEdges(
    windows,
    (outside) => sql`SELECT hour AS ${ident(TIME)}, sign, bucket, n FROM ${raw(VALUE_HOURS)} WHERE dataset = ${dataset} AND field = ${field} AND ${outside}`,
    (inside) => sql`SELECT ${ident(TIME)}, ${raw(signOf('v'))}, ${raw(bucketOf('v'))}, 1 FROM (SELECT ${ident(TIME)}, ${value} AS v FROM ${ident(dataset)} WHERE ${inside}) WHERE v IS NOT NULL`,
  );
}

/** The hours of every event (for the set of time buckets), from event_hours + raw edge rows. */
function eventHours(dataset: string, windows: readonly TimeWindow[]): Fragment {
  return withEdges(
    windows,
    (outside) => sql`SELECT hour AS ${ident(TIME)} FROM ${raw(EVENT_HOURS.table)} WHERE dataset = ${dataset} AND ${outside}`,
    (inside) => sql`SELECT ${ident(TIME)} FROM ${ident(dataset)} WHERE ${inside}`,
  );
}

function percentileOf(p: number): Fragment {
  const rep = raw(representative('sign', 'bucket'));
  const pos = raw(`(total - 1) * ${p}`);
  const at = (rank: Fragment) => sql`arg_min(${rep}, cum) FILTER (WHERE cum > ${rank})`;
  const lo = at(sql`floor(${pos})`);
  const hi = at(sql`ceil(${pos})`);
  const frac = sql`(any_value(${pos}) - floor(any_value(${pos})))`;
  return sql`(${lo} + ${frac} * (${hi} - ${lo}))`;
}

export function percentileQuery(
  spec: QuerySpec,
  ctx: CubeContext,
  fields: FieldResolver,
  measures: readonly ParsedMeasure[],
  histogramFields: readonly string[],
  windows: readonly TimeWindow[],
): BuiltQuery | null {
  if (spec.dimensions?.length || spec.filters?.length || spec.topN || spec.compare || spec.order?.length || spec.limit !== undefined || spec.maxPoints !== undefined) return null;
  const field = measures[0]!.arg!;
  if (measures.some((m) => m.arg !== field)) return null;
  const resolved = fields.resolve(field);
  if (resolved.source !== 'attribute' || !histogramFields.includes(field)) return null;

  const timeField: TimeField = { column: TIME, type: 'TIMESTAMP WITH TIME ZONE', ts: ident(TIME) };
  const inWindow = windowCondition(windows[0]!, timeField) ?? raw('TRUE');
  const grain = spec.time?.grain;
  const time = grain === undefined ? null : bucketStart(ident(TIME), { grain, timeZone: ctx.timeZone, weekStart: ctx.weekStart ?? 'monday' });
  const values = join(measures.map((m) => sql`${percentileOf(QUANTILE[m.fn]!)} AS ${ident(m.name)}`), ', ');
  const partition = time ? raw(`PARTITION BY ${ident(TIME_OUTPUT).sql}`) : raw('');
  const walk = sql`
    h AS (SELECT ${time ? sql`${time} AS ${ident(TIME_OUTPUT)}, ` : raw('')}sign, bucket, sum(n) AS n
          FROM (${histogramRelation(ctx.info.name, field, windows)}) WHERE ${inWindow} GROUP BY ALL),
    c AS (SELECT *, sum(n) OVER (${partition} ORDER BY ${raw(valueOrder('sign', 'bucket'))} ROWS UNBOUNDED PRECEDING) AS cum,
                 sum(n) OVER (${partition}) AS total FROM h)`;
  if (!time) {
    const q = sql`WITH ${walk}\nSELECT ${values} FROM c`;
    return { sql: q.sql, params: q.params };
  }
  const t = ident(TIME_OUTPUT);
  const q = sql`WITH ${walk},
    p AS (SELECT ${t}, ${values} FROM c GROUP BY ${t}),
    g AS (SELECT DISTINCT ${time} AS ${t} FROM (${eventHours(ctx.info.name, windows)}) WHERE ${inWindow})
    SELECT g.${t}, ${join(measures.map((m) => sql`p.${ident(m.name)}`), ', ')}
    FROM g LEFT JOIN p ON g.${t} IS NOT DISTINCT FROM p.${t}
    ORDER BY g.${t} ASC NULLS LAST`;
  return { sql: q.sql, params: q.params };
}
