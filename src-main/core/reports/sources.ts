/** The files behind a report's datasets, as the catalog fingerprinted them at import. */
import { basename } from 'node:path';
import type { ReportSource } from '../../../src-shared/reports';
import type { Workspace } from '../workspace';

export async function reportSources(ws: Workspace, datasets: readonly string[]): Promise<ReportSource[]> {
  if (datasets.length === 0) return [];
  const rows = await ws.db.rows(
    `SELECT i.dataset, f.path, f.sha256, f.rows_read FROM tallybook.import_files f JOIN tallybook.imports i ON f.import_id = i.id
     WHERE i.dataset IN (${datasets.map(() => '?').join(', ')}) ORDER BY i.dataset, i.id, f.path`,
    [...datasets],
  );
  return rows.map((r) => ({
    dataset: String(r.dataset),
    file: basename(String(r.path)),
    sha256: r.sha256 === null ? null : String(r.sha256),
    rows_read: r.rows_read === null ? null : Number(r.rows_read),
  }));
}
