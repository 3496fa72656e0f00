/**
 * Field resolution against the dataset's REAL columns: exact column name, else a
 * case-insensitive match, else (when the dataset has a JSON `attributes` column) a key of the
 * attributes. Column identifiers reach SQL only through ident() (quoteIdent) after this lookup;
 * attribute keys never reach SQL text: they are bound as a JSON pointer (RFC 6901, so dots,
 * quotes and slashes in keys are harmless).
 */
import { UserError } from '../../../src-shared/errors';
import { findColumn } from '../identifiers';
import { ident, sql, type Fragment } from './fragment';
import { didYouMean } from './suggest';

export interface ColumnDef {
  readonly name: string;
  readonly type: string;
}

export type FieldKind = 'numeric' | 'time' | 'boolean' | 'text';

export interface ResolvedField {
  /** The name as written in the spec. */
  readonly name: string;
  readonly kind: FieldKind;
  /** A column's DuckDB type, or 'attribute'. */
  readonly type: string;
  readonly source: 'column' | 'attribute';
  /** The real column name (null for an attribute). */
  readonly column: string | null;
  /** The value: the quoted column, or the attribute extracted as text. */
  readonly expr: Fragment;
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?|NUMERIC.*|INT\d*|VARINT|BIGNUM)$/i;
const TIME = /^(TIMESTAMP.*|DATE)$/i;

export function kindOfType(type: string): FieldKind {
  if (NUMERIC.test(type)) return 'numeric';
  if (TIME.test(type)) return 'time';
  if (/^BOOL(EAN)?$/i.test(type)) return 'boolean';
  return 'text';
}

export const ATTRIBUTES_COLUMN = 'attributes';

/** RFC 6901: "~" -> "~0", "/" -> "~1". */
export function jsonPointer(key: string): string {
  return `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

export interface FieldResolver {
  readonly dataset: string;
  readonly columns: readonly ColumnDef[];
  resolve(name: string): ResolvedField;
  /** A resolved field as DOUBLE: the column itself when numeric, TRY_CAST for attributes. */
  numeric(field: ResolvedField, use: string): Fragment;
}

export function fieldResolver(dataset: string, columns: readonly ColumnDef[]): FieldResolver {
  const names = columns.map((c) => c.name);
  const attributes = columns.find((c) => c.name === ATTRIBUTES_COLUMN && c.type.toUpperCase() === 'JSON');

  const resolve = (name: string): ResolvedField => {
    if (typeof name !== 'string' || name === '') throw new UserError('bad_request', `a field of dataset "${dataset}" is named by non-empty text, not ${JSON.stringify(name) ?? 'nothing'}`);
    const found = findColumn(names, name);
    const column = found === null ? undefined : columns.find((c) => c.name === found);
    if (column) {
      return { name, kind: kindOfType(column.type), type: column.type, source: 'column', column: column.name, expr: ident(column.name) };
    }
    if (attributes) {
      return {
        name,
        kind: 'text',
        type: 'attribute',
        source: 'attribute',
        column: null,
        expr: sql`json_extract_string(${ident(attributes.name)}, ${jsonPointer(name)})`,
      };
    }
    throw new UserError(
      'unknown_field',
      `unknown field "${name}" in dataset "${dataset}"`,
      `${didYouMean(name, names)}columns: ${names.join(', ')}`,
    );
  };

  const numeric = (field: ResolvedField, use: string): Fragment => {
    if (field.source === 'attribute') return sql`TRY_CAST(${field.expr} AS DOUBLE)`;
    if (field.kind !== 'numeric') {
      throw new UserError('bad_spec', `${use} needs a numeric field, but "${field.name}" is ${field.type}`, 'pick a numeric column or attribute');
    }
    return field.expr;
  };

  return { dataset, columns, resolve, numeric };
}
