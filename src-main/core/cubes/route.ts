/**
 * Answering a query spec from an events dataset's hourly cubes when they hold everything it
 * needs; otherwise null, and the raw rows answer. Both paths run the same builder: the cube path
 * hands it a relation shaped like the dataset (time column = the hour, the cube's columns, a
 * weight column of events per row) instead of the table, so every rule of the spec (windows,
 * buckets, filters, top N, comparisons, order, limit) applies unchanged; counts become sums of
 * the weight. The answers are the same, not close:
 * - count and rate(filter) when every field used is a column of a count cube;
 * - count_distinct(user_id) alone, by day or coarser in UTC, from user_days;
 * - count_distinct(user_id | session_id) from entity_hours, which keeps both ids;
 * - percentiles of a histogrammed attribute (percentiles.ts), within the histogram's 1%.
 * The cubes serve only when they describe the dataset's current version, the time field is the
 * dataset's own, the grain is an hour or coarser in a zone of whole-hour offsets (no minutes).
 */
import type { DatasetInfo } from '../../../src-shared/datasets';
import type { QuerySpec } from '../../../src-shared/query-spec';
import type { Workspace } from '../workspace';
import { buildQuery, type BuildContext, type BuiltQuery } from '../query/build-query';
import { fieldResolver, type FieldResolver } from '../query/fields';
import { ident, join, raw, sql, type Fragment } from '../query/fragment';
import { parseMeasure, type ParsedMeasure } from '../query/measures';
import { parseRateFilter } from '../query/rate-filter';
import type { Instant } from '../query/instant';
import { previousWindow, resolveWindow, type TimeWindow } from '../query/time-range';
import { COUNT_CUBES, ENTITY_HOURS, TIME, USER_DAYS, WEIGHT, type CountCube } from './cube-tables';
import { DAY, cutsUnits, dayStart, instant, withEdges, wholeHourZone } from './cube-window';
import { cubeState, type CubeState } from './maintain';
import { percentileQuery } from './percentiles';

const PERCENTILE = /^p(50|75|90|95|99)$/;
/** The ids entity_hours keeps, whose distinct counts it answers exactly. */
const ENTITY_IDS = new Set(['user_id', 'session_id']);

/** The real column a field names, or null (an attribute, or unknown). */
function columnOf(fields: FieldResolver, name: string): string | null {
  try {
    const f = fields.resolve(name);
    return f.source === 'column' ? f.column : null;
  } catch {
    return null;
  }
}

/** Columns a count cube must hold for these measures; null when a measure is not a count kind. */
function countColumns(measures: readonly ParsedMeasure[], fields: FieldResolver): { columns: string[]; distinct: boolean } | null {
  const columns: string[] = [];
  let distinct = false;
  for (const m of measures) {
    if (m.fn === 'count') continue;
    const arg = m.fn === 'rate' ? parseRateFilter(m.arg!).field : m.fn === 'count_distinct' ? m.arg! : null;
    const column = arg === null ? null : columnOf(fields, arg);
    if (column === null) return null;
    if (m.fn === 'count_distinct') {
      if (!ENTITY_IDS.has(column)) return null;
      distinct = true;
    }
    columns.push(column);
  }
  return { columns, distinct };
}

/** The windows the spec reads (with compare, the previous period too). */
function windowsOf(spec: QuerySpec, watermark: string | null): TimeWindow[] {
  const window = resolveWindow(spec.time, spec.now, watermark);
  return spec.compare ? [window, previousWindow(spec.time, window)] : [window];
}

/** The cube as a relation shaped like the dataset: its hours outside the edges + raw edge rows. */
function cubeRelation(cube: CountCube, dataset: string, windows: readonly TimeWindow[]): Fragment {
  const dims = join(cube.dims.map((d) => ident(d)), ', ');
  const relation = withEdges(
    windows,
    (outside) => sql`SELECT hour AS ${ident(TIME)}, ${dims}, n AS ${ident(WEIGHT)} FROM ${raw(cube.table)} WHERE dataset = ${dataset} AND ${outside}`,
    (inside) => sql`SELECT ${ident(TIME)}, ${dims}, 1 FROM ${ident(dataset)} WHERE ${inside}`,
  );
  return sql`(${relation})`;
}

/** user_days as a relation shaped like the dataset: (day as the time column, user_id), raw rows for edge days. */
function userDaysRelation(dataset: string, windows: readonly TimeWindow[]): Fragment {
  const relation = withEdges(
    windows,
    (outside) => sql`SELECT day AS ${ident(TIME)}, user_id FROM ${raw(USER_DAYS)} WHERE dataset = ${dataset} AND ${outside}`,
    (inside) => sql`SELECT ${ident(TIME)}, user_id FROM ${ident(dataset)} WHERE user_id IS NOT NULL AND (${inside})`,
    DAY,
  );
  return sql`(${relation})`;
}

/**
 * Distinct users by day or coarser in UTC, with nothing else asked: user_days holds exactly the
 * (day, user) pairs, so DAU counts far fewer rows than entity_hours has.
 */
function isDailyUsers(spec: QuerySpec, fields: FieldResolver, measures: readonly ParsedMeasure[], timeZone: string): boolean {
  const grain = spec.time?.grain;
  return (
    timeZone === 'UTC' && grain !== 'minute' && grain !== 'hour' && !spec.dimensions?.length && !spec.filters?.length &&
    measures.every((m) => m.fn === 'count_distinct' && columnOf(fields, m.arg!) === 'user_id')
  );
}

/** The cubes' state when they describe the dataset as it is (an events dataset timed by occurred_at), else null. */
async function currentCubes(ws: Workspace, info: DatasetInfo): Promise<CubeState | null> {
  if (info.kind !== 'events' || info.timeColumn !== TIME) return null;
  const state = await cubeState(ws.db, info.name);
  return state?.version === info.version ? state : null;
}

/**
 * The rows an analysis of active users (time, user_id) reads within the windows, when the cubes
 * are current: user_days in UTC, entity_hours in other zones of whole-hour offsets, else the
 * dataset's table. Each row of any of them stands for at least one event of its user (no weight).
 */
export async function activeUsersSource(ws: Workspace, info: DatasetInfo, timeZone: string, windows: readonly TimeWindow[]): Promise<Fragment> {
  if (!(await currentCubes(ws, info))) return ident(info.name);
  if (timeZone === 'UTC') return userDaysRelation(info.name, windows);
  return wholeHourZone(timeZone, info) ? cubeRelation(ENTITY_HOURS, info.name, windows) : ident(info.name);
}

/**
 * Each (UTC day, user) with events before `to` and the user's previous day with events, as
 * (occurred_at = the day, user_id, prev_day), when the cubes are current and the zone is UTC;
 * else null. A `to` inside a day keeps that day's users only if they have events before it (the
 * raw rows of that day tell). The caller drops the days it does not read at the start; prev_day
 * stays the user's previous day with events, whatever it drops.
 */
export async function userDaysWithPrev(ws: Workspace, info: DatasetInfo, timeZone: string, to: Instant | null): Promise<Fragment | null> {
  if (timeZone !== 'UTC' || !(await currentCubes(ws, info))) return null;
  const days = sql`SELECT day AS ${ident(TIME)}, user_id, prev_day FROM ${raw(USER_DAYS)} WHERE dataset = ${info.name}`;
  const cut = to === null ? null : dayStart(to);
  if (cut === null || cut === to) return sql`(${days})`;
  const before = sql`SELECT user_id FROM ${ident(info.name)} WHERE ${ident(TIME)} >= ${instant(cut)} AND ${ident(TIME)} < ${instant(to!)}`;
  return sql`(${days} AND (day < ${instant(cut)} OR (day = ${instant(cut)} AND user_id IN (${before}))))`;
}

/** Rows to count, and how to count them: a count cube with its weight, or the table with count(*). */
export interface CountSource {
  readonly from: Fragment;
  readonly count: Fragment;
}

/**
 * What an analysis counting events by some of the dataset's columns (no time buckets) reads in
 * a window: the smallest current count cube holding all those columns, else the table.
 */
export async function countSource(ws: Workspace, info: DatasetInfo, columns: readonly string[], window: TimeWindow): Promise<CountSource> {
  const cube = (await currentCubes(ws, info)) ? COUNT_CUBES.find((c) => columns.every((col) => c.dims.includes(col))) : undefined;
  if (!cube) return { from: ident(info.name), count: raw('count(*)') };
  return { from: cubeRelation(cube, info.name, [window]), count: sql`CAST(sum(${ident(WEIGHT)}) AS BIGINT)` };
}

export interface CubeContext extends BuildContext {
  readonly info: DatasetInfo;
}

/** The spec's query on the cubes, or null when they cannot answer it exactly. */
export async function cubeQuery(ws: Workspace, spec: QuerySpec, ctx: CubeContext): Promise<BuiltQuery | null> {
  const info = ctx.info;
  if (info.kind !== 'events' || info.timeColumn !== TIME) return null;
  const fields = fieldResolver(spec.dataset, ctx.columns);
  if (spec.time?.field !== undefined && columnOf(fields, spec.time.field) !== TIME) return null;
  const grain = spec.time?.grain;
  if (grain === 'minute' || (grain !== undefined && !wholeHourZone(ctx.timeZone, info))) return null;
  const state = await currentCubes(ws, info);
  if (!state) return null;

  let measures: ParsedMeasure[];
  try {
    measures = spec.measures.map(parseMeasure);
  } catch {
    return null;
  }
  const windows = windowsOf(spec, ctx.watermark);
  if (measures.length > 0 && measures.every((m) => PERCENTILE.test(m.fn))) {
    return percentileQuery(spec, ctx, fields, measures, state.histogramFields, windows);
  }
  if (isDailyUsers(spec, fields, measures, ctx.timeZone)) {
    const columns = [TIME, 'user_id'].map((name) => ctx.columns.find((c) => c.name === name)!);
    // Day buckets of whole days from user_days alone hold each user once: DAU counts rows.
    const unique = grain === 'day' && !cutsUnits(windows, DAY) ? { unique: 'user_id' } : {};
    return buildQuery(spec, { ...ctx, columns, table: userDaysRelation(info.name, windows), ...unique });
  }
  const counted = countColumns(measures, fields);
  if (!counted) return null;
  const used = [...(spec.dimensions ?? []), ...(spec.filters ?? []).map((f) => f.field)].map((f) => columnOf(fields, f));
  if (used.some((c) => c === null)) return null;
  const needed = [...counted.columns, ...(used as string[])];
  const cube = (counted.distinct ? [ENTITY_HOURS] : COUNT_CUBES).find((c) => needed.every((col) => c.dims.includes(col)));
  if (!cube) return null;

  const columns = [TIME, ...cube.dims, WEIGHT].map((name) => ctx.columns.find((c) => c.name === name) ?? { name, type: 'BIGINT' });
  return buildQuery(spec, { ...ctx, columns, table: cubeRelation(cube, info.name, windows), weight: WEIGHT });
}
