/**
 * Identifiers never reach SQL unchecked: dataset names follow a strict pattern, and column
 * names are first looked up among the dataset's real columns, then quoted here.
 */
import { UserError } from '../../src-shared/errors';

const DATASET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Quotes any identifier for DuckDB (doubles embedded quotes). */
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) throw new UserError('bad_name', `identifier contains a NUL character`);
  return `"${name.replaceAll('"', '""')}"`;
}

/** A string literal for the few places DuckDB cannot bind a parameter (DDL, PRAGMA). */
export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) throw new UserError('bad_request', 'value contains a NUL character');
  return `'${value.replaceAll("'", "''")}'`;
}

export function checkDatasetName(name: string): string {
  if (typeof name !== 'string' || !DATASET_NAME.test(name) || name.toLowerCase().startsWith('tallybook')) {
    throw new UserError(
      'bad_name',
      `${JSON.stringify(name) ?? 'nothing'} is not a valid dataset name`,
      'use letters, digits and _ (starting with a letter or _, at most 63 characters), e.g. -n web_events',
    );
  }
  return name;
}

/** Finds a column by exact name, then case-insensitively; null when absent. */
export function findColumn(columns: readonly string[], name: string): string | null {
  if (columns.includes(name)) return name;
  const lower = name.toLowerCase();
  return columns.find((c) => c.toLowerCase() === lower) ?? null;
}
