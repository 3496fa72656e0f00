/**
 * Whether the engine and the raw-SQL path gave the same answer: both are reduced to plain rows
 * (arrays of cells), numbers rounded to 9 significant digits (sums may add in another order),
 * and compared as JSON, in order or as sorted multisets; percentiles, which the engine reads
 * from histograms, within a stated relative tolerance.
 */
import type { CellValue, ColumnarResult } from '../../../src-shared/columnar';

export type Row = readonly unknown[];

function cell(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? v : Number(v.toPrecision(9));
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(cell);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cell(x)]));
  return v;
}

/** The rows of a columnar result, columns picked by name (all when omitted). */
export function rowsOf(r: ColumnarResult, columns?: readonly string[]): Row[] {
  const idx = (columns ?? r.columns.map((c) => c.name)).map((name) => {
    const i = r.columns.findIndex((c) => c.name === name);
    if (i < 0) throw new Error(`bench: no column ${name} in ${r.columns.map((c) => c.name).join(', ')}`);
    return i;
  });
  const rows: CellValue[][] = [];
  for (let row = 0; row < r.rowCount; row++) rows.push(idx.map((i) => r.data[i]![row] ?? null));
  return rows;
}

/** Numbers within a relative tolerance of each other; anything else equal as JSON. */
function close(a: unknown, b: unknown, tolerance: number): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
  return JSON.stringify(cell(a)) === JSON.stringify(cell(b));
}

/**
 * Same rows, in order or as multisets. With a tolerance (percentiles from histograms), rows are
 * compared in order, numbers within that relative tolerance.
 */
export function sameRows(a: readonly Row[], b: readonly Row[], ordered: boolean, tolerance = 0): boolean {
  if (tolerance > 0) return a.length === b.length && a.every((row, i) => row.length === b[i]!.length && row.every((v, j) => close(v, b[i]![j], tolerance)));
  const text = (rows: readonly Row[]) => {
    const lines = rows.map((row) => JSON.stringify(row.map(cell)));
    return JSON.stringify(ordered ? lines : lines.sort());
  };
  return text(a) === text(b);
}

/** Two decimals, as the job presets print money and rates. */
export const round2 = (v: unknown): number => Math.round(Number(v ?? 0) * 100) / 100;
