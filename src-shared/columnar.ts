/**
 * Results cross every boundary as columns, never as arrays of row objects.
 * Values are decided in one place (src-main/core/values.ts): BIGINT becomes a number when it is
 * a safe integer and a decimal string otherwise; timestamps become ISO 8601 strings in UTC;
 * dates become YYYY-MM-DD.
 */
export type CellValue = string | number | boolean | null | CellValue[] | { [key: string]: CellValue };

export interface ColumnInfo {
  readonly name: string;
  /** The DuckDB type, e.g. BIGINT, DOUBLE, VARCHAR, TIMESTAMP WITH TIME ZONE. */
  readonly type: string;
}

export interface ColumnarResult {
  readonly columns: readonly ColumnInfo[];
  /** One array per column, each rowCount long. */
  readonly data: readonly (readonly CellValue[])[];
  readonly rowCount: number;
}

/** Rebuilds row objects from a columnar result: for small results only (CLI output, tests). */
export function toRowObjects(result: ColumnarResult): Record<string, CellValue>[] {
  const rows: Record<string, CellValue>[] = [];
  for (let r = 0; r < result.rowCount; r++) {
    const row: Record<string, CellValue> = {};
    result.columns.forEach((c, i) => {
      row[c.name] = result.data[i]?.[r] ?? null;
    });
    rows.push(row);
  }
  return rows;
}
