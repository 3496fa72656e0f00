/** Printing results: aligned tables for people, CSV and JSON for machines. */
import type { CellValue, ColumnarResult } from '../../src-shared/columnar';
import { toRowObjects } from '../../src-shared/columnar';
import { UserError } from '../../src-shared/errors';

export const FORMATS = ['table', 'json', 'csv'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export function checkFormat(value: string | undefined, fallback: OutputFormat): OutputFormat {
  const f = value ?? fallback;
  if (!(FORMATS as readonly string[]).includes(f)) throw new UserError('bad_request', `unknown --format ${f}`, `use one of ${FORMATS.join(', ')}`);
  return f as OutputFormat;
}

function cellText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6);
  return String(v);
}

function csvCell(v: CellValue): string {
  const s = v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const MAX_CELL = 48;
const MAX_TABLE_ROWS = 200;

export function renderTable(result: ColumnarResult, maxRows = MAX_TABLE_ROWS): string {
  const shown = Math.min(result.rowCount, maxRows);
  const cols = result.columns.map((c, i) => {
    const cells = (result.data[i] ?? []).slice(0, shown).map((v) => {
      const s = cellText(v).replace(/\s+/g, ' ');
      return s.length > MAX_CELL ? `${s.slice(0, MAX_CELL - 1)}…` : s;
    });
    const numeric = /INT|DOUBLE|DECIMAL|FLOAT|REAL|NUMERIC/.test(c.type);
    const width = Math.max(c.name.length, ...cells.map((s) => s.length));
    return { name: c.name, cells, numeric, width };
  });
  const pad = (s: string, w: number, right: boolean) => (right ? s.padStart(w) : s.padEnd(w));
  const lines = [
    cols.map((c) => pad(c.name, c.width, c.numeric)).join('  '),
    cols.map((c) => '─'.repeat(c.width)).join('  '),
  ];
  for (let r = 0; r < shown; r++) lines.push(cols.map((c) => pad(c.cells[r]!, c.width, c.numeric)).join('  ').trimEnd());
  const footer = result.rowCount > shown ? `… ${result.rowCount - shown} more rows (use --format csv or json for all)` : `(${result.rowCount} row${result.rowCount === 1 ? '' : 's'})`;
  return `${lines.join('\n')}\n${footer}\n`;
}

export function renderCsv(result: ColumnarResult): string {
  const lines = [result.columns.map((c) => csvCell(c.name)).join(',')];
  for (let r = 0; r < result.rowCount; r++) lines.push(result.data.map((col) => csvCell(col[r] ?? null)).join(','));
  return `${lines.join('\n')}\n`;
}

export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function renderResult(result: ColumnarResult, format: OutputFormat): string {
  if (format === 'json') return renderJson(toRowObjects(result));
  if (format === 'csv') return renderCsv(result);
  return renderTable(result);
}
