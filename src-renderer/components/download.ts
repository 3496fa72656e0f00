/** Saves text or a data URL as a file through the browser's download (Electron shows a save dialog). */
import type { CellValue, ColumnarResult } from '../../src-shared/columnar';

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadText(name: string, text: string, type: string): void {
  downloadBlob(name, new Blob([text], { type }));
}

export function downloadDataUrl(name: string, dataUrl: string): void {
  const a = document.createElement('a');
  a.href = dataUrl;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

function csvCell(v: CellValue): string {
  const s = v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(result: ColumnarResult): string {
  const lines = [result.columns.map((c) => csvCell(c.name)).join(',')];
  for (let r = 0; r < result.rowCount; r++) lines.push(result.data.map((col) => csvCell(col[r] ?? null)).join(','));
  return lines.join('\n') + '\n';
}

export function toJson(result: ColumnarResult): string {
  const rows = [];
  for (let r = 0; r < result.rowCount; r++) rows.push(Object.fromEntries(result.columns.map((c, i) => [c.name, result.data[i]?.[r] ?? null])));
  return JSON.stringify(rows, null, 2);
}

/** A file-name-safe slug: "Jobs over time" -> "jobs-over-time". */
export function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'chart';
}

/** "20251109-1432": when, for file names that say what and when. */
export function fileStamp(d: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}

/** "Recent jobs", "csv" -> "recent-jobs-20251109-1432.csv". */
export function exportFileName(what: string, ext: string, d: Date = new Date()): string {
  return `${slug(what)}-${fileStamp(d)}.${ext}`;
}
