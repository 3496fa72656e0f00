/**
 * The pure builder: a validated spec plus what the executor knows of the dataset (its real
 * columns, time column, watermark and the workspace time zone) -> {sql, params}. It never
 * touches a connection. Values are bound parameters; identifiers are the dataset's own columns
 * (or output names from the spec) passed through quoteIdent.
 *
 * Output: `time` (when a grain is set), the dimensions, then the measures, each named exactly
 * as written; with compare "previous_period", each measure m is followed by "m (previous)" and
 * "m (change %)". The rows of a comparison are those of the current period; previous values
 * are matched on the dimensions and, with a grain, on the bucket's position in its range.
 * Default order: time ascending when there is a grain, then the first measure descending, then
 * the dimensions; `limit` applies to the final rows. With `topN`, one dimension keeps its top
 * values and folds the rest into "Other" before aggregating (top-n-fold.ts).
 */
import { UserError } from '../../../src-shared/errors';
import type { QuerySpec } from '../../../src-shared/query-spec';
import { checkDatasetName, findColumn } from '../identifiers';
import { ident, join, raw, sql, type Fragment, type SqlParam } from './fragment';
import { fieldResolver, type ColumnDef } from './fields';
import { filterCondition } from './filters';
import type { Instant } from './instant';
import { compileMeasure, parseMeasure, type CompiledMeasure } from './measures';
import { didYouMean } from './suggest';
import { foldTopN } from './top-n-fold';
import {
  bucketPosition, bucketStart, previousWindow, resolveTimeField, resolveWindow, windowCondition,
  type BucketOptions, type TimeField, type TimeWindow, type WeekStart,
} from './time-range';

export interface BuildContext {
  readonly columns: readonly ColumnDef[];
  readonly timeColumn: string | null;
  /** Latest value of the time field (ISO 8601), anchoring `last` when the spec has no `now`. */
  readonly watermark: string | null;
  readonly timeZone: string;
  readonly weekStart?: WeekStart;
  /** Read this relation instead of the dataset's table (a cube shaped like it: cubes/route.ts). */
  readonly table?: Fragment;
  /** The relation's column counting the events each of its rows stands for. */
  readonly weight?: string;
  /** A column of the relation holding each value at most once per time bucket (count_distinct counts rows). */
  readonly unique?: string;
}

export interface BuiltQuery {
  readonly sql: string;
  readonly params: readonly SqlParam[];
}

export const TIME_OUTPUT = 'time';
export const previousName = (measure: string) => `${measure} (previous)`;
export const changeName = (measure: string) => `${measure} (change %)`;

interface Plan {
  readonly table: Fragment;
  readonly timeField: TimeField | null;
  readonly bucket: BucketOptions | null;
  readonly dimensions: readonly { readonly name: string; readonly expr: Fragment }[];
  readonly measures: readonly CompiledMeasure[];
  readonly filters: readonly Fragment[];
  /** Output names, in order. */
  readonly outputs: readonly string[];
}

function checkUnique(names: readonly string[]): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) {
      throw new UserError('bad_spec', `the output column "${n}" would appear twice`, 'list each dimension and measure once (with a grain, "time" is taken)');
    }
    seen.add(n);
  }
}

function plan(spec: QuerySpec, ctx: BuildContext): Plan {
  const table = ctx.table ?? ident(checkDatasetName(spec.dataset));
  const fields = fieldResolver(spec.dataset, ctx.columns);
  const timeField = resolveTimeField(spec, fields, ctx.timeColumn, ctx.timeZone);
  const grain = spec.time?.grain;
  const bucket = grain === undefined ? null : { grain, timeZone: ctx.timeZone, weekStart: ctx.weekStart ?? 'monday' };
  const dimensions = (spec.dimensions ?? []).map((name) => ({ name, expr: fields.resolve(name).expr }));
  const measures = spec.measures.map((m) => compileMeasure(parseMeasure(m), fields, ctx.weight, ctx.unique));
  const filters = (spec.filters ?? []).map((f) => filterCondition(f, fields.resolve(f.field)));
  const base = [...(bucket ? [TIME_OUTPUT] : []), ...dimensions.map((d) => d.name)];
  const measureOutputs = measures.flatMap((m) => (spec.compare ? [m.name, previousName(m.name), changeName(m.name)] : [m.name]));
  const outputs = [...base, ...measureOutputs];
  checkUnique(outputs);
  return { table, timeField, bucket, dimensions, measures, filters, outputs };
}

/** A column alias for internal use that no output column has. */
function hiddenName(outputs: readonly string[]): string {
  return freshName('__position', outputs);
}

/** The `\nWHERE …` selecting the rows of a window (with the spec's filters), or nothing. */
function whereClause(p: Plan, window: TimeWindow): Fragment {
  const conditions = [...p.filters];
  const inWindow = windowCondition(window, p.timeField);
  if (inWindow) conditions.push(inWindow);
  return conditions.length ? sql`\nWHERE ${join(conditions, '\n  AND ')}` : raw('');
}

/** The plan with the top-N dimension folded (ranked over the current window), if the spec asks. */
function withTopN(spec: QuerySpec, p: Plan, window: TimeWindow): Plan {
  const topN = spec.topN;
  const rank = p.measures[0];
  if (!topN || !rank) return p;
  const target = topN.dimension ?? p.dimensions[0]?.name;
  if (!p.dimensions.some((d) => d.name === target)) {
    throw new UserError('bad_spec', `topN ranks a dimension, and "${String(target)}" is not one`, 'add it to "dimensions"');
  }
  const where = whereClause(p, window);
  const dimensions = p.dimensions.map((d) => (d.name === target ? { name: d.name, expr: foldTopN({ expr: d.expr, table: p.table, where, rank: rank.expr, n: topN.n }) } : d));
  return { ...p, dimensions };
}

/** One aggregation over a window; with `position`, an extra column numbers the time buckets. */
function aggregate(p: Plan, window: TimeWindow, position: { alias: string; start: Instant | null } | null): Fragment {
  const select: Fragment[] = [];
  if (p.bucket && p.timeField) select.push(sql`${bucketStart(p.timeField.ts, p.bucket)} AS ${ident(TIME_OUTPUT)}`);
  for (const d of p.dimensions) select.push(sql`${d.expr} AS ${ident(d.name)}`);
  const groups = select.length;
  for (const m of p.measures) select.push(sql`${m.expr} AS ${ident(m.name)}`);
  if (position) {
    const pos = p.bucket && p.timeField && position.start !== null ? bucketPosition(p.timeField.ts, position.start, p.bucket) : raw('0');
    select.push(sql`${pos} AS ${ident(position.alias)}`);
  }
  const where = whereClause(p, window);
  const groupNumbers = Array.from({ length: groups }, (_, i) => String(i + 1));
  if (position && p.bucket) groupNumbers.push(String(select.length));
  const groupBy = groupNumbers.length ? raw(`\nGROUP BY ${groupNumbers.join(', ')}`) : raw('');
  return sql`SELECT ${join(select, ', ')}\nFROM ${p.table}${where}${groupBy}`;
}

function comparison(spec: QuerySpec, p: Plan, window: TimeWindow): Fragment {
  const previous = previousWindow(spec.time, window);
  const alias = hiddenName(p.outputs);
  const start = (w: TimeWindow) => (w.kind === 'bounded' ? w.from : null);
  const cur = aggregate(p, window, { alias, start: start(window) });
  const prev = aggregate(p, previous, { alias, start: start(previous) });
  const col = (table: 'c' | 'p', name: string) => sql`${raw(table)}.${ident(name)}`;

  const select: Fragment[] = [];
  if (p.bucket) select.push(col('c', TIME_OUTPUT));
  for (const d of p.dimensions) select.push(col('c', d.name));
  for (const m of p.measures) {
    const c = col('c', m.name);
    const before = m.zeroWhenEmpty ? sql`coalesce(${col('p', m.name)}, 0)` : col('p', m.name);
    const change = m.numeric
      ? sql`CASE WHEN ${before} IS NULL OR ${before} = 0 THEN NULL ELSE round(100.0 * (CAST(${c} AS DOUBLE) - CAST(${before} AS DOUBLE)) / CAST(${before} AS DOUBLE), 2) END`
      : raw('CAST(NULL AS DOUBLE)');
    select.push(c, sql`${before} AS ${ident(previousName(m.name))}`, sql`${change} AS ${ident(changeName(m.name))}`);
  }
  const on = [sql`${col('c', alias)} = ${col('p', alias)}`, ...p.dimensions.map((d) => sql`${col('c', d.name)} IS NOT DISTINCT FROM ${col('p', d.name)}`)];
  return sql`WITH cur AS (\n${cur}\n), prev AS (\n${prev}\n)\nSELECT ${join(select, ', ')}\nFROM cur AS c LEFT JOIN prev AS p ON ${join(on, ' AND ')}`;
}

function orderBy(spec: QuerySpec, p: Plan): Fragment {
  const terms: { name: string; dir: 'asc' | 'desc' }[] = [];
  if (spec.order?.length) {
    for (const o of spec.order) {
      const name = findColumn(p.outputs, o.field);
      if (name === null) {
        throw new UserError(
          'unknown_field',
          `cannot order by "${o.field}": it is not an output column`,
          `${didYouMean(o.field, p.outputs)}output columns: ${p.outputs.join(', ')}`,
        );
      }
      terms.push({ name, dir: o.dir ?? 'asc' });
    }
  } else {
    if (p.bucket) terms.push({ name: TIME_OUTPUT, dir: 'asc' });
    const first = p.measures[0];
    if (first) terms.push({ name: first.name, dir: 'desc' });
    for (const d of p.dimensions) terms.push({ name: d.name, dir: 'asc' });
  }
  return join(terms.map((t) => sql`${ident(t.name)} ${raw(t.dir === 'asc' ? 'ASC' : 'DESC')} NULLS LAST`), ', ');
}

/** A column alias no output column has, from a base name. */
function freshName(base: string, outputs: readonly string[]): string {
  let name = base;
  while (outputs.includes(name)) name += '_';
  return name;
}

/**
 * Min/max downsampling of each series (the rows of one combination of dimensions, in time
 * order) longer than maxPoints: its buckets fall into maxPoints / 2 equal runs, and each run
 * keeps its rows with the lowest and the highest first measure (ties: the earliest).
 */
function downsample(inner: Fragment, p: Plan, maxPoints: number): Fragment {
  const hidden = (base: string) => ident(freshName(base, p.outputs));
  const [i, n, run] = [hidden('__i'), hidden('__n'), hidden('__run')];
  const series = p.dimensions.map((d) => ident(d.name));
  const partition = (...more: Fragment[]) => (series.length + more.length ? sql`PARTITION BY ${join([...series, ...more], ', ')} ` : raw(''));
  const time = ident(TIME_OUTPUT);
  const first = ident(p.measures[0]!.name);
  const runs = Math.floor(maxPoints / 2);
  return sql`SELECT * EXCLUDE (${i}, ${n}, ${run}) FROM (
  SELECT *, floor(${i} * ${runs} / ${n}) AS ${run} FROM (
    SELECT *, row_number() OVER (${partition()}ORDER BY ${time}) - 1 AS ${i}, count(*) OVER (${partition()}) AS ${n} FROM (
${inner}
) AS s))
QUALIFY ${n} <= ${maxPoints}
  OR row_number() OVER (${partition(run)}ORDER BY ${first} ASC NULLS LAST, ${time}) = 1
  OR row_number() OVER (${partition(run)}ORDER BY ${first} DESC NULLS LAST, ${time}) = 1`;
}

export function buildQuery(spec: QuerySpec, ctx: BuildContext): BuiltQuery {
  const window = resolveWindow(spec.time, spec.now, ctx.watermark);
  const p = withTopN(spec, plan(spec, ctx), window);
  const aggregated = spec.compare ? comparison(spec, p, window) : aggregate(p, window, null);
  const inner = spec.maxPoints !== undefined && p.bucket ? downsample(aggregated, p, spec.maxPoints) : aggregated;
  const limit = spec.limit === undefined ? raw('') : sql`\nLIMIT ${spec.limit}`;
  const q = sql`SELECT * FROM (\n${inner}\n) AS q\nORDER BY ${orderBy(spec, p)}${limit}`;
  return { sql: q.sql, params: q.params };
}

/** The SQL fetching the watermark that anchors `last`, or null when the spec does not need it. */
export function watermarkQuery(spec: QuerySpec, ctx: Omit<BuildContext, 'watermark'>): BuiltQuery | null {
  if (spec.time?.last === undefined || spec.now !== undefined) return null;
  const fields = fieldResolver(spec.dataset, ctx.columns);
  const timeField = resolveTimeField(spec, fields, ctx.timeColumn, ctx.timeZone);
  if (!timeField) return null;
  const q = sql`SELECT CAST(max(${timeField.ts}) AS VARCHAR) FROM ${ident(checkDatasetName(spec.dataset))}`;
  return { sql: q.sql, params: q.params };
}
