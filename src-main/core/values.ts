/**
 * The one place where DuckDB values become transport values (see src-shared/columnar.ts):
 * BIGINT -> number when safe, else decimal string; timestamps -> ISO 8601 UTC; dates -> YYYY-MM-DD;
 * blobs -> base64; nested lists/structs converted recursively.
 */
import type { DuckDBResultReader } from '@duckdb/node-api';
import { DuckDBTypeId } from '@duckdb/node-api';
import type { CellValue, ColumnarResult } from '../../src-shared/columnar';

/** ISO 8601 in UTC without a fractional part when it is zero: 2025-11-08T12:00:00Z. */
export function isoUtc(d: Date): string {
  const s = d.toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, -5)}Z` : s;
}

function convert(value: unknown, typeId: DuckDBTypeId): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return typeId === DuckDBTypeId.DATE ? value.toISOString().slice(0, 10) : isoUtc(value);
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map((v) => convert(v, DuckDBTypeId.INVALID));
  if (typeof value === 'object') {
    const out: Record<string, CellValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = convert(v, DuckDBTypeId.INVALID);
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value as CellValue;
}

export function readerToColumnar(reader: DuckDBResultReader): ColumnarResult {
  const names = reader.deduplicatedColumnNames();
  const types = reader.columnTypes();
  const raw = reader.getColumnsJS();
  const columns = names.map((name, i) => ({ name, type: String(types[i]) }));
  const data = raw.map((col, i) => {
    const typeId = types[i]?.typeId ?? DuckDBTypeId.INVALID;
    return col.map((v) => convert(v, typeId));
  });
  return { columns, data, rowCount: reader.currentRowCount };
}
