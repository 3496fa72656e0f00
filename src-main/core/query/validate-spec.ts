/**
 * Shape validation of a query spec arriving as JSON (IPC, HTTP, CLI): after this, every key is
 * known, every value has its type, grains/ops/dirs are from their lists, timestamps parse and
 * relative ranges match /^\d+(m|h|d|w|mo|y)$/. Optional keys given as null count as absent.
 * Whether the fields exist in the dataset is decided later, against its real columns.
 */
import { UserError } from '../../../src-shared/errors';
import {
  FILTER_OPS, GRAINS, QUERY_SPEC_KEYS,
  type Filter, type FilterOp, type FilterValue, type Grain, type OrderBy, type QuerySpec, type TimeRange, type TopNOption,
} from '../../../src-shared/query-spec';
import { parseDuration, parseInstant } from './instant';
import { didYouMean } from './suggest';

export const MAX_LIMIT = 1_000_000;
export const MAX_TOP_N = 1000;

const TIME_KEYS = ['grain', 'from', 'to', 'last', 'field'] as const;
const FILTER_KEYS = ['field', 'op', 'value'] as const;
const ORDER_KEYS = ['field', 'dir'] as const;
const TOP_N_KEYS = ['dimension', 'n'] as const;

type Json = Record<string, unknown>;

function bad(message: string, hint?: string): UserError {
  return new UserError('bad_spec', message, hint);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  return Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkKeys(obj: Json, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw new UserError('unknown_field', `unknown field "${key}" in ${where}`, `${didYouMean(key, allowed)}allowed: ${allowed.join(', ')}`);
    }
  }
}

/** The value at key, or undefined when it is absent or null. */
function optional(obj: Json, key: string): unknown {
  const v = obj[key];
  return v === null ? undefined : v;
}

function string(v: unknown, where: string): string {
  if (v === undefined) throw bad(`${where} is missing`);
  if (typeof v !== 'string') throw bad(`${where} must be a string, not ${typeName(v)}`);
  return v;
}

function nonEmptyString(v: unknown, where: string): string {
  const s = string(v, where);
  if (s.trim() === '') throw bad(`${where} is empty`);
  return s;
}

function stringList(v: unknown, where: string): string[] {
  if (v === undefined) throw bad(`${where} is missing`, where === 'measures' ? 'e.g. "measures": ["count"]' : undefined);
  if (!Array.isArray(v)) throw bad(`${where} must be an array of strings, not ${typeName(v)}`);
  return v.map((item, i) => nonEmptyString(item, `${where}[${i}]`));
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], where: string): T {
  const s = string(v, where);
  if (!(allowed as readonly string[]).includes(s)) {
    throw bad(`${where} "${s}" is not one of ${allowed.join(', ')}`, didYouMean(s, allowed).trim() || undefined);
  }
  return s as T;
}

function instant(v: unknown, where: string): string {
  const s = string(v, where);
  if (parseInstant(s) === null) throw bad(`${where} "${s}" is not an ISO 8601 timestamp`, 'write e.g. 2025-11-01T00:00:00Z');
  return s;
}

function validateTime(v: unknown): TimeRange {
  if (!isObject(v)) throw bad(`time must be an object, not ${typeName(v)}`, 'e.g. {"grain": "day", "last": "30d"}');
  checkKeys(v, TIME_KEYS, 'the query spec\'s "time"');
  const grain = optional(v, 'grain');
  const from = optional(v, 'from');
  const to = optional(v, 'to');
  const last = optional(v, 'last');
  const field = optional(v, 'field');
  if (last !== undefined && (from !== undefined || to !== undefined)) {
    throw bad('time has both "last" and "from"/"to"', 'give either a relative range ("last": "30d") or from/to');
  }
  if (last !== undefined && parseDuration(string(last, 'time.last')) === null) {
    throw bad(`time.last "${String(last)}" is not a relative range`, 'write a count and a unit: m (minutes), h, d, w, mo (months), y — e.g. "30d", "12h", "3mo"');
  }
  return {
    ...(grain !== undefined ? { grain: oneOf<Grain>(grain, GRAINS, 'time.grain') } : {}),
    ...(from !== undefined ? { from: instant(from, 'time.from') } : {}),
    ...(to !== undefined ? { to: instant(to, 'time.to') } : {}),
    ...(last !== undefined ? { last: last as string } : {}),
    ...(field !== undefined ? { field: nonEmptyString(field, 'time.field') } : {}),
  };
}

function filterValue(v: unknown, where: string): FilterValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  throw bad(`${where} must be a string, number, boolean or null, not ${typeName(v)}`);
}

function validateFilterValue(op: FilterOp, v: unknown, where: string): FilterValue | readonly FilterValue[] | undefined {
  if (op === 'is null' || op === 'is not null') {
    if (v !== undefined && v !== null) throw bad(`${where}: "${op}" takes no value`);
    return undefined;
  }
  if (op === 'in' || op === 'not in') {
    if (!Array.isArray(v) || v.length === 0) throw bad(`${where}: "${op}" needs a non-empty array of values`, 'e.g. "value": ["a", "b"]');
    return v.map((item, i) => filterValue(item, `${where}.value[${i}]`));
  }
  if (op === 'between') {
    if (!Array.isArray(v) || v.length !== 2) throw bad(`${where}: "between" needs two values [low, high]`, 'both ends are included');
    return v.map((item, i) => filterValue(item, `${where}.value[${i}]`));
  }
  if (v === undefined || v === null) throw bad(`${where}: "${op}" needs a value`, op === '=' ? 'to match missing values use "is null"' : undefined);
  return filterValue(v, `${where}.value`);
}

function validateFilter(v: unknown, i: number): Filter {
  const where = `filters[${i}]`;
  if (!isObject(v)) throw bad(`${where} must be an object, not ${typeName(v)}`, 'e.g. {"field": "status", "op": "=", "value": "delivered"}');
  checkKeys(v, FILTER_KEYS, `the query spec's ${where}`);
  const field = nonEmptyString(v.field, `${where}.field`);
  const op = oneOf<FilterOp>(v.op, FILTER_OPS, `${where}.op`);
  const value = validateFilterValue(op, v.value, where);
  return value === undefined ? { field, op } : { field, op, value };
}

function validateOrder(v: unknown, i: number): OrderBy {
  const where = `order[${i}]`;
  if (!isObject(v)) throw bad(`${where} must be an object, not ${typeName(v)}`, 'e.g. {"field": "count", "dir": "desc"}');
  checkKeys(v, ORDER_KEYS, `the query spec's ${where}`);
  const field = nonEmptyString(v.field, `${where}.field`);
  const dir = optional(v, 'dir');
  return dir === undefined ? { field } : { field, dir: oneOf(dir, ['asc', 'desc'] as const, `${where}.dir`) };
}

function validateLimit(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_LIMIT) {
    throw bad(`limit must be a whole number from 1 to ${MAX_LIMIT.toLocaleString('en-US')}, not ${JSON.stringify(v)}`);
  }
  return v;
}

const MAX_POINTS = 100_000;

function validateMaxPoints(v: unknown, time: TimeRange | undefined): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 4 || v > MAX_POINTS) {
    throw bad(`maxPoints must be a whole number from 4 to ${MAX_POINTS.toLocaleString('en-US')}, not ${JSON.stringify(v)}`, 'about twice the chart\'s width in pixels, e.g. 2000');
  }
  if (time?.grain === undefined) throw bad('maxPoints thins a time series: it needs time.grain', 'e.g. "time": {"grain": "minute"}');
  return v;
}

function validateTopN(v: unknown, dimensions: readonly string[] | undefined): TopNOption {
  if (!isObject(v)) throw bad(`topN must be an object, not ${typeName(v)}`, 'e.g. {"dimension": "provider", "n": 5}');
  checkKeys(v, TOP_N_KEYS, 'the query spec\'s "topN"');
  const n = v.n;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_TOP_N) {
    throw bad(`topN.n must be a whole number from 1 to ${MAX_TOP_N}, not ${JSON.stringify(n)}`);
  }
  if (!dimensions?.length) throw bad('topN needs a dimension to rank', 'add one to "dimensions", e.g. ["provider"]');
  const dimension = optional(v, 'dimension');
  if (dimension === undefined) return { n };
  const name = nonEmptyString(dimension, 'topN.dimension');
  if (!dimensions.includes(name)) throw bad(`topN.dimension "${name}" is not one of the dimensions`, `dimensions: ${dimensions.join(', ')}`);
  return { dimension: name, n };
}

function list<T>(v: unknown, where: string, each: (item: unknown, i: number) => T): T[] {
  if (!Array.isArray(v)) throw bad(`${where} must be an array, not ${typeName(v)}`);
  return v.map(each);
}

export interface SortKey {
  readonly column: string;
  readonly dir: 'asc' | 'desc';
}

/** A sort list as row pages take it (dataset rows, drop-offs, the SQL console): [{column, dir}]; absent is []. */
export function validateSort(v: unknown): SortKey[] {
  if (v === undefined || v === null) return [];
  return list(v, 'sort', (item, i) => {
    const where = `sort[${i}]`;
    if (!isObject(item)) throw bad(`${where} must be an object, not ${typeName(item)}`, 'e.g. {"column": "occurred_at", "dir": "desc"}');
    return { column: nonEmptyString(item.column, `${where}.column`), dir: oneOf(item.dir, ['asc', 'desc'] as const, `${where}.dir`) };
  });
}

/** A list of filters as in a spec's `filters` (for callers that filter without a whole spec). */
export function validateFilters(v: unknown): Filter[] {
  return list(v, 'filters', validateFilter);
}

export function validateSpec(input: unknown): QuerySpec {
  if (!isObject(input)) {
    throw bad(`the query spec must be a JSON object, not ${typeName(input)}`, 'e.g. {"dataset": "events", "measures": ["count"]}');
  }
  checkKeys(input, QUERY_SPEC_KEYS, 'the query spec');
  const dataset = nonEmptyString(input.dataset, 'dataset');
  const measures = stringList(input.measures ?? undefined, 'measures');
  if (measures.length === 0) throw bad('measures is empty', 'ask for at least one, e.g. ["count"]');

  const dimensions = optional(input, 'dimensions');
  const time = optional(input, 'time');
  const filters = optional(input, 'filters');
  const compare = optional(input, 'compare');
  const order = optional(input, 'order');
  const limit = optional(input, 'limit');
  const now = optional(input, 'now');
  const topN = optional(input, 'topN');
  const maxPoints = optional(input, 'maxPoints');
  const dims = dimensions !== undefined ? stringList(dimensions, 'dimensions') : undefined;
  const range = time !== undefined ? validateTime(time) : undefined;
  return {
    dataset,
    measures,
    ...(dims !== undefined ? { dimensions: dims } : {}),
    ...(range !== undefined ? { time: range } : {}),
    ...(filters !== undefined ? { filters: list(filters, 'filters', validateFilter) } : {}),
    ...(compare !== undefined ? { compare: oneOf(compare, ['previous_period'] as const, 'compare') } : {}),
    ...(order !== undefined ? { order: list(order, 'order', validateOrder) } : {}),
    ...(limit !== undefined ? { limit: validateLimit(limit) } : {}),
    ...(now !== undefined ? { now: instant(now, 'now') } : {}),
    ...(topN !== undefined ? { topN: validateTopN(topN, dims) } : {}),
    ...(maxPoints !== undefined ? { maxPoints: validateMaxPoints(maxPoints, range) } : {}),
  };
}
