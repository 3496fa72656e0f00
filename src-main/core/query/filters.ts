/**
 * Filter conditions. Every value is a bound parameter, cast to the field's kind: DOUBLE for
 * numeric columns, TIMESTAMPTZ for timestamp columns, BOOLEAN for boolean columns, text
 * otherwise. Attributes are text, except that numbers (and, for >, >=, <, <=, between, numeric
 * strings) compare numerically. `contains` is a case-insensitive substring match; `between` is
 * inclusive at both ends; `!=` and `not in` keep rows where the field is null or absent.
 */
import { UserError } from '../../../src-shared/errors';
import type { Filter, FilterValue } from '../../../src-shared/query-spec';
import { join, raw, sql, type Fragment } from './fragment';
import type { ResolvedField } from './fields';
import { formatInstant, parseInstant } from './instant';

type Comparison = 'text' | 'numeric' | 'time' | 'boolean';

const NUMBER = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

function describe(filter: Filter): string {
  return `filter "${filter.field} ${filter.op}"`;
}

function valuesOf(filter: Filter): FilterValue[] {
  if (filter.value === undefined) return [];
  return Array.isArray(filter.value) ? [...(filter.value as readonly FilterValue[])] : [filter.value as FilterValue];
}

const ORDERING = new Set(['>', '>=', '<', '<=', 'between']);

/** How the field and the values are compared. */
function comparisonFor(field: ResolvedField, filter: Filter, values: readonly FilterValue[]): Comparison {
  if (field.source === 'column') {
    return field.kind === 'numeric' ? 'numeric' : field.kind === 'time' ? 'time' : field.kind === 'boolean' ? 'boolean' : 'text';
  }
  const numeric = (v: FilterValue) => typeof v === 'number' || (ORDERING.has(filter.op) && typeof v === 'string' && NUMBER.test(v));
  return values.length > 0 && values.every(numeric) ? 'numeric' : 'text';
}

function bindValue(v: FilterValue, comparison: Comparison, filter: Filter, field: ResolvedField): Fragment {
  const wrong = (what: string, hint: string) =>
    new UserError('bad_spec', `${describe(filter)}: ${JSON.stringify(v)} is not ${what}`, `"${field.name}" is ${field.type}: ${hint}`);
  switch (comparison) {
    case 'numeric': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && NUMBER.test(v) ? Number(v) : NaN;
      if (!Number.isFinite(n)) throw wrong('a number', 'give a number');
      return sql`CAST(${n} AS DOUBLE)`;
    }
    case 'time': {
      const t = typeof v === 'string' ? parseInstant(v) : null;
      if (t === null) throw wrong('a timestamp', 'give an ISO 8601 timestamp, e.g. 2025-11-01T00:00:00Z');
      return sql`CAST(${formatInstant(t)} AS TIMESTAMPTZ)`;
    }
    case 'boolean': {
      const b = typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : null;
      if (b === null) throw wrong('a boolean', 'give true or false');
      return sql`CAST(${b} AS BOOLEAN)`;
    }
    case 'text':
      if (v === null) throw wrong('a value', 'use "is null" to match missing values');
      return sql`${String(v)}`;
  }
}

/**
 * The field as compared: attributes compared numerically are cast with TRY_CAST, and columns
 * compared as text that are not VARCHAR (JSON, UUID, lists …) are read as their text, so that a
 * value is never converted to the column's type (which fails for most text).
 */
function left(field: ResolvedField, comparison: Comparison): Fragment {
  if (field.source === 'attribute') return comparison === 'numeric' ? sql`TRY_CAST(${field.expr} AS DOUBLE)` : field.expr;
  return comparison === 'text' && field.type.toUpperCase() !== 'VARCHAR' ? sql`CAST(${field.expr} AS VARCHAR)` : field.expr;
}

export function filterCondition(filter: Filter, field: ResolvedField): Fragment {
  const values = valuesOf(filter);
  if (filter.op === 'is null') return sql`(${field.expr} IS NULL)`;
  if (filter.op === 'is not null') return sql`(${field.expr} IS NOT NULL)`;
  if (filter.op === 'contains') {
    const needle = values[0];
    if (typeof needle !== 'string' && typeof needle !== 'number') {
      throw new UserError('bad_spec', `${describe(filter)}: "contains" needs a text value`);
    }
    return sql`coalesce(contains(lower(CAST(${field.expr} AS VARCHAR)), lower(${String(needle)})), FALSE)`;
  }
  const comparison = comparisonFor(field, filter, values);
  const lhs = left(field, comparison);
  const bound = values.map((v) => bindValue(v, comparison, filter, field));
  const expect = (n: number, what: string) => {
    if (bound.length !== n) throw new UserError('bad_spec', `${describe(filter)} needs ${what}`);
  };
  switch (filter.op) {
    case '=':
    case '>':
    case '>=':
    case '<':
    case '<=':
      expect(1, 'one value');
      return sql`(${lhs} ${raw(filter.op)} ${bound[0]!})`;
    case '!=':
      expect(1, 'one value');
      return sql`(${lhs} IS DISTINCT FROM ${bound[0]!})`;
    case 'between':
      expect(2, 'two values [low, high]');
      return sql`(${lhs} BETWEEN ${bound[0]!} AND ${bound[1]!})`;
    case 'in':
      if (bound.length === 0) throw new UserError('bad_spec', `${describe(filter)} needs at least one value`);
      return sql`(${lhs} IN (${join(bound, ', ')}))`;
    case 'not in':
      if (bound.length === 0) throw new UserError('bad_spec', `${describe(filter)} needs at least one value`);
      return sql`(${lhs} IS NULL OR ${lhs} NOT IN (${join(bound, ', ')}))`;
  }
}
