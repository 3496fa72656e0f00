/** Numbers as a report shows them: rates as percentages, others with separators, ≤ 2 decimals. */
import type { CellValue } from '../../../src-shared/columnar';

export function formatValue(v: CellValue | undefined, measure = ''): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') {
    if (/^rate\(/i.test(measure)) return `${(v * 100).toFixed(1)}%`;
    return v.toLocaleString('en-US', { maximumFractionDigits: Number.isInteger(v) ? 0 : Math.abs(v) < 1 ? 4 : 2 });
  }
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
