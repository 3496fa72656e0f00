/**
 * The hourly cubes kept for every events dataset (tables of the tallybook schema, one row set per
 * dataset), each computed by one GROUP BY from any relation shaped like the dataset's rows:
 * - event_hours:  events per (UTC hour, event_name, tenant_id, site_id, source)
 * - entity_hours: events per (UTC hour, tenant_id, site_id, source, user_id, session_id), which
 *   answers counts and exact distinct users / sessions over any set of hours
 * - value_hours:  a log-bucketed histogram (histogram.ts) per (UTC hour, numeric attribute)
 * - user_days:    each (UTC day, user_id) with events, once (appends skip the pairs it holds),
 *                 with prev_day, the user's previous day with events (NULL for the first)
 * Rows without a timestamp keep a NULL hour. Rows of the same key may repeat (one set per
 * import): every reader sums n, so appending the cube of the new rows is the whole update.
 */
import { ATTRIBUTES_COLUMN, jsonPointer } from '../query/fields';
import { quoteIdent, quoteLiteral } from '../identifiers';
import { bucketOf, signOf } from './histogram';

export const TIME = 'occurred_at';
export const WEIGHT = '__n';

export interface CountCube {
  readonly table: string;
  /** Columns kept besides the hour, named as in the dataset. */
  readonly dims: readonly string[];
}

export const EVENT_HOURS: CountCube = { table: 'tallybook.event_hours', dims: ['event_name', 'tenant_id', 'site_id', 'source'] };
export const ENTITY_HOURS: CountCube = { table: 'tallybook.entity_hours', dims: ['tenant_id', 'site_id', 'source', 'user_id', 'session_id'] };
export const COUNT_CUBES: readonly CountCube[] = [EVENT_HOURS, ENTITY_HOURS];
export const VALUE_HOURS = 'tallybook.value_hours';
/** One row per (UTC day, user) with events: DAU is a plain count of its rows. */
export const USER_DAYS = 'tallybook.user_days';

/** The UTC hour of a TIMESTAMPTZ, by arithmetic on its microseconds (ICU's date_trunc is slower). */
const hourOf = (ts: string) => `to_timestamp(floor(epoch_us(${ts}) / 3600000000) * 3600)`;

/** (hour, dims…, n) of the rows of `from` (a table or a parenthesised SELECT). */
export function countCubeSql(cube: CountCube, from: string): string {
  const dims = cube.dims.map(quoteIdent).join(', ');
  return `SELECT ${hourOf(quoteIdent(TIME))} AS hour, ${dims}, count(*) AS n FROM ${from} GROUP BY ALL`;
}

/** The UTC day of a TIMESTAMPTZ, by arithmetic on its microseconds. */
const dayOf = (ts: string) => `to_timestamp(floor(epoch_us(${ts}) / 86400000000) * 86400)`;

/** (day, user_id) of the rows of `from` that have both, once each. */
export function userDaysSql(from: string): string {
  return `SELECT DISTINCT ${dayOf(quoteIdent(TIME))} AS day, user_id FROM ${from} WHERE ${quoteIdent(TIME)} IS NOT NULL AND user_id IS NOT NULL`;
}

/** (day, user_id, prev_day) of the pairs of userDaysSql(from): each with the user's previous day among them. */
export function userDaysWithPrevSql(from: string): string {
  return `SELECT day, user_id, lag(day) OVER (PARTITION BY user_id ORDER BY day) AS prev_day FROM (${userDaysSql(from)})`;
}

/** The attribute values of `fields` as DOUBLE, exactly as the query layer reads them. */
function fieldValues(fields: readonly string[]): string {
  const pointers = `[${fields.map((f) => quoteLiteral(jsonPointer(f))).join(', ')}]`;
  return `list_transform(json_extract_string(${quoteIdent(ATTRIBUTES_COLUMN)}, ${pointers}), x -> TRY_CAST(x AS DOUBLE))`;
}

/** (hour, field, sign, bucket, n) of the rows of `from`, for the given attributes. */
export function valueCubeSql(fields: readonly string[], from: string): string {
  const names = `[${fields.map(quoteLiteral).join(', ')}]`;
  return `SELECT hour, field, ${signOf('v')} AS sign, ${bucketOf('v')} AS bucket, count(*) AS n FROM (
      SELECT ${hourOf(quoteIdent(TIME))} AS hour, unnest(${names}) AS field, unnest(${fieldValues(fields)}) AS v FROM ${from}
    ) WHERE v IS NOT NULL GROUP BY ALL`;
}

/** Top-level attribute keys holding JSON numbers in a sample of `from` (the histogrammed fields). */
export function numericKeysSql(from: string, sample: number): string {
  return `SELECT k FROM (
      SELECT unnest(json_keys(${quoteIdent(ATTRIBUTES_COLUMN)})) AS k, ${quoteIdent(ATTRIBUTES_COLUMN)} AS a FROM (SELECT ${quoteIdent(ATTRIBUTES_COLUMN)} FROM ${from} LIMIT ${sample})
    ) WHERE json_type(a, '/' || replace(replace(k, '~', '~0'), '/', '~1')) IN ('UBIGINT', 'BIGINT', 'DOUBLE')
    GROUP BY k ORDER BY count(*) DESC, k LIMIT 16`;
}
