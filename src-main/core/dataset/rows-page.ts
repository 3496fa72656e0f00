/**
 * One page of a dataset's rows for the virtualized grid, sorted server-side by checked columns.
 * Pages are at most 10,000 rows; the grid asks for the pages it shows.
 */
import type { ColumnarResult } from '../../../src-shared/columnar';
import type { RowsRequest } from '../../../src-shared/datasets';
import { UserError } from '../../../src-shared/errors';
import { findColumn, quoteIdent } from '../identifiers';
import type { Workspace } from '../workspace';

export const MAX_PAGE = 10_000;

export async function rowsPage(ws: Workspace, req: RowsRequest): Promise<ColumnarResult & { totalRows: number; offset: number }> {
  const info = await ws.dataset(req.dataset);
  const limit = req.limit ?? 200;
  const offset = req.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new UserError('bad_request', `limit must be a whole number from 1 to ${MAX_PAGE}`);
  if (!Number.isInteger(offset) || offset < 0) throw new UserError('bad_request', 'offset must be a whole number ≥ 0');
  const names = info.columns.map((c) => c.name);
  const order = (req.sort ?? []).map((s) => {
    const col = findColumn(names, s.column);
    if (!col) throw new UserError('unknown_field', `cannot sort by "${s.column}": ${req.dataset} has no such column`, `columns: ${names.join(', ')}`);
    if (s.dir !== 'asc' && s.dir !== 'desc') throw new UserError('bad_request', `sort direction must be asc or desc`);
    return `${quoteIdent(col)} ${s.dir.toUpperCase()} NULLS LAST`;
  });
  const orderBy = order.length ? `ORDER BY ${order.join(', ')}, rowid` : 'ORDER BY rowid';
  const page = await ws.db.columnar(`SELECT * FROM ${quoteIdent(req.dataset)} ${orderBy} LIMIT ${limit} OFFSET ${offset}`);
  return { ...page, totalRows: info.rowCount, offset };
}
