/**
 * The fingerprint of a panel's result: sha256 of a canonical JSON of its columns and its rows
 * sorted, so the order rows come back in cannot change the hash.
 */
import { createHash } from 'node:crypto';
import type { ColumnarResult } from '../../../src-shared/columnar';

export function canonicalResult(result: ColumnarResult): string {
  const rows: string[] = [];
  for (let r = 0; r < result.rowCount; r++) rows.push(JSON.stringify(result.data.map((col) => col[r] ?? null)));
  rows.sort();
  return `{"columns":${JSON.stringify(result.columns.map((c) => [c.name, c.type]))},"rows":[${rows.join(',')}]}`;
}

export function resultHash(result: ColumnarResult): string {
  return createHash('sha256').update(canonicalResult(result)).digest('hex');
}
