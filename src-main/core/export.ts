/**
 * Exports the user asked for: a dataset, a read-only query, a query spec's full result, a
 * dataset's rejected rows or a funnel step's dropped-off units, written by DuckDB's COPY (values
 * still bound) to CSV, JSON (an array of row objects), NDJSON or Parquet, chosen by extension.
 */
import { extname, resolve } from 'node:path';
import type { ExportFormat, ExportRequest, ExportResult } from '../../src-shared/contract';
import { UserError } from '../../src-shared/errors';
import { funnelDropOffSelect } from './analyses/funnel-drop-off';
import { rowsSelect } from './dataset/rows-page';
import { explainQuery } from './query/run-query';
import type { Params } from './db';
import type { Workspace } from './workspace';
import { checkDatasetName, quoteIdent, quoteLiteral } from './identifiers';
import { checkReadOnly } from './sql/read-only';

export type { ExportFormat };


const BY_EXTENSION: Record<string, ExportFormat> = { '.csv': 'csv', '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.parquet': 'parquet' };

const COPY_OPTIONS: Record<ExportFormat, string> = {
  csv: `FORMAT csv, HEADER true`,
  json: `FORMAT json, ARRAY true`,
  ndjson: `FORMAT json`,
  parquet: `FORMAT parquet`,
};

export function exportFormat(path: string, format?: ExportFormat): ExportFormat {
  if (format !== undefined && !Object.hasOwn(COPY_OPTIONS, format)) {
    throw new UserError('bad_request', `unknown export format ${JSON.stringify(format)}`, 'use csv, json, ndjson or parquet');
  }
  const f = format ?? BY_EXTENSION[extname(path).toLowerCase()];
  if (!f) throw new UserError('bad_request', `cannot tell the export format of ${path}`, 'end the file name with .csv, .json, .ndjson or .parquet');
  return f;
}

/** A source field counts when it is there and not null (JSON's way of leaving it out). */
const given = <T,>(x: T | null | undefined): x is T => x !== undefined && x !== null;

export async function exportData(ws: Workspace, req: ExportRequest): Promise<ExportResult> {
  const sources = [req.dataset, req.sql, req.spec, req.rows, req.rejectsOf, req.funnelDropOff].filter(given);
  if (sources.length !== 1) throw new UserError('bad_request', 'export needs exactly one of a dataset, a SQL query, a query spec, a rows request or --rejects DATASET');
  if (typeof req.path !== 'string' || req.path.trim() === '') throw new UserError('bad_request', 'export needs the path of the file to write', 'e.g. -o events.csv');
  const format = exportFormat(req.path, req.format);
  let select: string;
  let params: Params = [];
  if (given(req.dataset)) {
    await ws.dataset(req.dataset);
    select = `SELECT * FROM ${quoteIdent(req.dataset)}`;
  } else if (given(req.rejectsOf)) {
    await ws.dataset(checkDatasetName(req.rejectsOf));
    select = `SELECT file, line, reason, raw FROM tallybook.rejects WHERE dataset = ${quoteLiteral(req.rejectsOf)} ORDER BY import_id, file, line`;
  } else if (given(req.rows)) {
    const { select: rows } = await rowsSelect(ws, req.rows);
    select = rows.sql;
    params = rows.params;
  } else if (given(req.funnelDropOff)) {
    const { select: dropOff } = await funnelDropOffSelect(ws, req.funnelDropOff);
    select = dropOff.sql;
    params = dropOff.params;
  } else if (given(req.spec)) {
    const built = await explainQuery(ws, req.spec);
    select = built.sql;
    params = built.params;
  } else {
    await checkReadOnly(ws.db, req.sql!);
    const sql = req.sql!.trim().replace(/;\s*$/, '');
    if ((await ws.db.statementTypes(sql)).length !== 1) throw new UserError('bad_request', 'export --sql takes one statement');
    select = sql;
  }
  const path = resolve(req.path);
  const rows = await ws.db.value(`SELECT count(*) FROM (${select})`, params);
  try {
    await ws.db.run(`COPY (${select}) TO ${quoteLiteral(path)} (${COPY_OPTIONS[format]})`, params);
  } catch (e) {
    const msg = e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e);
    throw new UserError('unreadable_file', `cannot write ${path}: ${msg}`, 'check the folder exists and that you may write there');
  }
  return { path, rows: Number(rows), format };
}
