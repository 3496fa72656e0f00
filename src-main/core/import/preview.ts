/**
 * Import preview: reads the first rows of each file through the same stage, detection and
 * mapping as an import, and returns what the import would do. Writes nothing to the workspace.
 */
import { basename } from 'node:path';
import type { ImportPreview, ImportPreviewRequest } from '../../../src-shared/datasets';
import { quoteIdent, quoteLiteral } from '../identifiers';
import { CANONICAL } from '../kinds';
import type { Workspace } from '../workspace';
import { detectKind, resolveMapping } from './detect';
import { existing, pickKind } from './importer';
import { expandSources } from './sources';
import { STAGE, createStage, dropStageTables, stageFile } from './stage';
import { sourceKeys } from './source-keys';

const SAMPLE_ROWS = 1000;
const SHOWN_ROWS = 20;
const MAX_FILES = 20;

export async function previewImport(ws: Workspace, req: ImportPreviewRequest): Promise<ImportPreview> {
  const db = ws.db;
  const sources = await expandSources(req.paths);
  const found = req.dataset ? await existing(ws, req.dataset) : null;
  try {
    await createStage(db);
    const sampled = sources.slice(0, MAX_FILES);
    for (const [i, f] of sampled.entries()) await stageFile(db, f, i, SAMPLE_ROWS);
    const keys = await sourceKeys(db, STAGE);
    const where = sources.length === 1 ? basename(sources[0]!.path) : `the ${sources.length} files`;
    const kind = pickKind(req.kind, found, () => detectKind(keys), req.dataset ?? 'the new dataset');
    const mapping = resolveMapping(kind, keys, req.mapping ?? {}, where);
    const columns = keys.map((k) => `__text::JSON->>${quoteLiteral(k.name)} AS ${quoteIdent(k.name)}`);
    const rows = await db.columnar(
      `SELECT ${columns.length ? columns.join(', ') : `__text AS "row"`} FROM ${STAGE} ORDER BY __file, __line LIMIT ${SHOWN_ROWS}`,
    );
    return {
      kind,
      mapping,
      fields: kind === 'table' ? [] : CANONICAL[kind].map((c) => c.name),
      sourceColumns: keys,
      rows,
      files: sources.map((f) => ({ path: f.path, format: f.gzip ? `${f.format}.gz` : f.format })),
    };
  } finally {
    await dropStageTables(db);
  }
}
