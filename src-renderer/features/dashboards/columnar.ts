/**
 * Small readers and builders of columnar results for charts: a column by name, numbers, and a
 * result built from derived columns (so a chart's CSV holds exactly what it draws).
 */
import type { CellValue, ColumnarResult } from '../../../src-shared/columnar';

export function column(r: ColumnarResult, name: string): readonly CellValue[] {
  const i = r.columns.findIndex((c) => c.name === name);
  return i < 0 ? [] : (r.data[i] ?? []);
}

export const toNumber = (v: CellValue | undefined): number | null => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : null);

/** A column as numbers (null where the value is missing or not a number). */
export const numbers = (r: ColumnarResult, name: string): (number | null)[] => column(r, name).map(toNumber);

/** A column as labels ("unknown" for null). */
export const labels = (r: ColumnarResult, name: string): string[] => column(r, name).map((v) => (v === null ? 'unknown' : String(v)));

/** A result from named columns of equal length; numbers are typed DOUBLE, the rest VARCHAR. */
export function columnarOf(columns: Readonly<Record<string, readonly CellValue[]>>): ColumnarResult {
  const names = Object.keys(columns);
  const data = names.map((n) => columns[n] ?? []);
  const type = (values: readonly CellValue[]) => (values.some((v) => typeof v === 'number') ? 'DOUBLE' : 'VARCHAR');
  return { columns: names.map((name, i) => ({ name, type: type(data[i] ?? []) })), data, rowCount: data[0]?.length ?? 0 };
}
