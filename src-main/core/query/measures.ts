/**
 * Measures as written in a spec: `count`, `count_distinct(f)`, `sum|avg|min|max(f)`,
 * `p50|p75|p90|p95|p99(f)` (continuous percentiles, linear interpolation: quantile_cont) and
 * `rate(<filter>)` = the fraction 0..1 of the group's rows matching the filter (rate-filter.ts).
 * The function name is case-insensitive; the argument runs from the first "(" to the LAST ")",
 * so field names may hold spaces, "$" and parentheses: `sum(Cost (USD) $)`.
 * sum/avg/percentiles need a numeric column or an attribute (TRY_CAST to DOUBLE); min/max take
 * any column, and attributes as numbers.
 */
import { UserError } from '../../../src-shared/errors';
import { ident, raw, sql, type Fragment } from './fragment';
import type { FieldResolver } from './fields';
import { filterCondition } from './filters';
import { parseRateFilter } from './rate-filter';
import { didYouMean } from './suggest';

const PERCENTILES = { p50: 0.5, p75: 0.75, p90: 0.9, p95: 0.95, p99: 0.99 } as const;
type Percentile = keyof typeof PERCENTILES;

export const MEASURE_FUNCTIONS = ['count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'p50', 'p75', 'p90', 'p95', 'p99', 'rate'] as const;
export type MeasureFunction = (typeof MEASURE_FUNCTIONS)[number];

export interface ParsedMeasure {
  /** As written in the spec: the output column's name. */
  readonly name: string;
  readonly fn: MeasureFunction;
  /** The field (or, for rate, the filter text); null for count. */
  readonly arg: string | null;
}

export interface CompiledMeasure {
  readonly name: string;
  readonly expr: Fragment;
  /** A number that a percent change makes sense for. */
  readonly numeric: boolean;
  /** Over no rows it is 0, not null (count, count_distinct). */
  readonly zeroWhenEmpty: boolean;
}

const CALL = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(([\s\S]*)\)$/;
const EXAMPLES = 'e.g. count, count_distinct(user_id), sum(cost), p95(generation_seconds), rate(status = delivered)';

function unknownMeasure(name: string, fn: string): UserError {
  return new UserError(
    'bad_spec',
    `unknown measure "${name}"`,
    `${didYouMean(fn, MEASURE_FUNCTIONS)}measures: count, count_distinct(f), sum|avg|min|max(f), p50|p75|p90|p95|p99(f), rate(filter) — ${EXAMPLES}`,
  );
}

export function parseMeasure(name: string): ParsedMeasure {
  const text = name.trim();
  if (/^count(\s*\(\s*\*?\s*\))?$/i.test(text)) return { name, fn: 'count', arg: null };
  const call = CALL.exec(text);
  if (!call) throw unknownMeasure(name, text);
  const fn = call[1]!.toLowerCase();
  const arg = call[2]!.trim();
  if (!(MEASURE_FUNCTIONS as readonly string[]).includes(fn)) throw unknownMeasure(name, fn);
  if (fn === 'count') {
    throw new UserError('bad_spec', `unknown measure "${name}"`, `count takes no field: write count, or count_distinct(${arg}) for distinct values`);
  }
  if (arg === '') throw new UserError('bad_spec', `measure "${name}" needs a field inside the parentheses`, EXAMPLES);
  return { name, fn: fn as MeasureFunction, arg };
}

/**
 * `weight`: the rows are a cube's, each standing for `weight` events (cubes/route.ts), so counts
 * are sums of it; only count, rate and count_distinct are asked of a cube. `unique`: a column
 * the rows hold each value of at most once per group, so its distinct values are counted as rows.
 */
export function compileMeasure(m: ParsedMeasure, fields: FieldResolver, weight?: string, unique?: string): CompiledMeasure {
  const out = (expr: Fragment, numeric: boolean, zeroWhenEmpty = false): CompiledMeasure => ({ name: m.name, expr, numeric, zeroWhenEmpty });
  const count = (where?: Fragment) => {
    if (weight === undefined) return where ? sql`count(*) FILTER (WHERE ${where})` : raw('count(*)');
    return sql`CAST(coalesce(sum(${ident(weight)})${where ? sql` FILTER (WHERE ${where})` : raw('')}, 0) AS BIGINT)`;
  };
  if (m.fn === 'count' || m.arg === null) return out(count(), true, true);
  if (m.fn === 'rate') {
    const filter = parseRateFilter(m.arg);
    const condition = filterCondition(filter, fields.resolve(filter.field));
    return out(sql`(CAST(${count(condition)} AS DOUBLE) / NULLIF(${count()}, 0))`, true);
  }
  const field = fields.resolve(m.arg);
  switch (m.fn) {
    case 'count_distinct':
      return out(field.column !== null && field.column === unique ? sql`count(${field.expr})` : sql`count(DISTINCT ${field.expr})`, true, true);
    case 'sum':
    case 'avg':
      return out(sql`${raw(m.fn)}(${fields.numeric(field, m.name)})`, true);
    case 'min':
    case 'max': {
      const asNumber = field.source === 'attribute' || field.kind === 'numeric';
      return out(sql`${raw(m.fn)}(${asNumber ? fields.numeric(field, m.name) : field.expr})`, asNumber);
    }
    default: {
      const p = PERCENTILES[m.fn as Percentile];
      return out(sql`quantile_cont(${fields.numeric(field, m.name)}, ${raw(String(p))})`, true);
    }
  }
}
