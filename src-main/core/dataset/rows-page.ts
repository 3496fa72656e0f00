/**
 * One page of a dataset's rows for the virtualized grid and the dashboards' tables, sorted
 * server-side by checked columns, optionally within [from, to) of the time column and under a
 * query spec's filters (same compiler, values bound). Pages are at most 10,000 rows.
 */
import type { ColumnarResult } from '../../../src-shared/columnar';
import type { RowsRequest } from '../../../src-shared/datasets';
import { UserError } from '../../../src-shared/errors';
import { findColumn, quoteIdent } from '../identifiers';
import type { Workspace } from '../workspace';
import { timeBounds } from '../analyses/inputs';
import { fieldResolver } from '../query/fields';
import { filterCondition } from '../query/filters';
import { ident, join, raw, sql, type Fragment } from '../query/fragment';
import { validateFilters, validateSort } from '../query/validate-spec';

export const MAX_PAGE = 10_000;

export interface RowsSelect {
  /** SELECT * … WHERE … ORDER BY …, without paging. */
  readonly select: Fragment;
  /** The number of rows the select returns. */
  readonly count: Fragment | null;
}

/** The rows a request asks for, as one bound SELECT (also what an export of them writes). */
export async function rowsSelect(ws: Workspace, req: Omit<RowsRequest, 'offset' | 'limit'>): Promise<RowsSelect & { rowCount: number; table: Fragment; seekable: boolean }> {
  const info = await ws.dataset(req.dataset);
  const names = info.columns.map((c) => c.name);
  const order = validateSort(req.sort).map((s) => {
    const col = findColumn(names, s.column);
    if (!col) throw new UserError('unknown_field', `cannot sort by "${s.column}": ${req.dataset} has no such column`, `columns: ${names.join(', ')}`);
    return `${quoteIdent(col)} ${s.dir.toUpperCase()} NULLS LAST`;
  });
  const orderBy = raw(order.length ? `ORDER BY ${order.join(', ')}, rowid` : 'ORDER BY rowid');
  const conditions: Fragment[] = [];
  if (req.from !== undefined || req.to !== undefined) {
    if (info.timeColumn === null) throw new UserError('bad_request', `dataset "${info.name}" has no time column, so from/to cannot apply`, 'drop from/to');
    conditions.push(timeBounds(ident(info.timeColumn), req.from, req.to));
  }
  if (req.filters !== undefined) {
    const fields = fieldResolver(info.name, info.columns);
    for (const f of validateFilters(req.filters)) conditions.push(filterCondition(f, fields.resolve(f.field)));
  }
  const table = ident(info.name);
  if (conditions.length === 0) return { select: sql`SELECT * FROM ${table} ${orderBy}`, count: null, rowCount: info.rowCount, table, seekable: order.length === 0 };
  const where = join(conditions, ' AND ');
  return { select: sql`SELECT * FROM ${table} WHERE ${where} ${orderBy}`, count: sql`SELECT count(*) FROM ${table} WHERE ${where}`, rowCount: info.rowCount, table, seekable: false };
}

export async function rowsPage(ws: Workspace, req: RowsRequest): Promise<ColumnarResult & { totalRows: number; offset: number }> {
  const limit = req.limit ?? 200;
  const offset = req.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new UserError('bad_request', `limit must be a whole number from 1 to ${MAX_PAGE}`);
  if (!Number.isSafeInteger(offset) || offset < 0) throw new UserError('bad_request', 'offset must be a whole number ≥ 0');
  const { select, count, rowCount, table, seekable } = await rowsSelect(ws, req);
  // In the table's own order, when its row ids run 0 … n−1 without a gap (datasets are only
  // appended to), a page is a range of row ids, which the scan reaches directly; LIMIT … OFFSET
  // would walk every row before it.
  const dense = seekable && Number(await ws.db.value(`SELECT max(rowid) FROM ${table.sql}`)) === rowCount - 1;
  const page = dense
    ? sql`SELECT * FROM ${table} WHERE rowid >= ${raw(String(offset))} AND rowid < ${raw(String(offset + limit))} ORDER BY rowid`
    : sql`${select} LIMIT ${raw(String(limit))} OFFSET ${raw(String(offset))}`;
  const totalRows = count === null ? rowCount : Number(await ws.db.value(count.sql, count.params));
  return { ...(await ws.db.columnar(page.sql, page.params)), totalRows, offset };
}
