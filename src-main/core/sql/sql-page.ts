/**
 * One page of a read-only statement's result for the SQL console's grid. The statement passes
 * the read-only gate first; a single SELECT-like statement (SELECT, WITH, FROM-first, DESCRIBE,
 * SUMMARIZE, SHOW, PIVOT) is paged in DuckDB as `SELECT * FROM (<q>) LIMIT n OFFSET m` with a
 * count when the page is full, and a statement that cannot be wrapped (EXPLAIN) runs whole and
 * is sliced here. Several statements are refused after the gate (DuckDB would answer with the
 * first one's result only): the console runs the statement at the cursor. The wrapped text passes the gate again, so wrapping can never
 * turn a read into something else. Runs are cancellable (console-run.ts).
 */
import { StatementType } from '@duckdb/node-api';
import type { ColumnarResult } from '../../../src-shared/columnar';
import { UserError } from '../../../src-shared/errors';
import type { SqlPage, SqlPageRequest, SqlSort } from '../../../src-shared/sql-console';
import type { Db } from '../db';
import { MAX_PAGE } from '../dataset/rows-page';
import { quoteIdent } from '../identifiers';
import { validateSort } from '../query/validate-spec';
import { consoleRun } from './console-run';
import { checkReadOnly, sqlError } from './read-only';

function pageBounds(req: SqlPageRequest): { offset: number; limit: number } {
  const limit = req.limit ?? 200;
  const offset = req.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new UserError('bad_request', `limit must be a whole number from 1 to ${MAX_PAGE}`);
  if (!Number.isSafeInteger(offset) || offset < 0) throw new UserError('bad_request', 'offset must be a whole number ≥ 0');
  return { offset, limit };
}

function orderBy(sort: readonly SqlSort[] | undefined): string {
  const keys = validateSort(sort).map((s) => `${quoteIdent(s.column)} ${s.dir.toUpperCase()} NULLS LAST`);
  return keys.length ? ` ORDER BY ${keys.join(', ')}` : '';
}

/** The statement without trailing semicolons, on its own lines so a trailing comment stays closed. */
function inner(sql: string): string {
  return `(\n${sql.trim().replace(/;+\s*$/, '')}\n)`;
}

/** True when text is exactly one SELECT statement DuckDB can bind. */
async function isSingleSelect(db: Db, text: string): Promise<boolean> {
  try {
    const types = await db.statementTypes(text);
    return types.length === 1 && types[0] === StatementType.SELECT;
  } catch {
    return false;
  }
}

function slice(r: ColumnarResult, offset: number, limit: number): ColumnarResult {
  const data = r.data.map((col) => col.slice(offset, offset + limit));
  return { columns: r.columns, data, rowCount: Math.max(0, Math.min(limit, r.rowCount - offset)) };
}

export async function sqlPage(db: Db, req: SqlPageRequest): Promise<SqlPage> {
  const { offset, limit } = pageBounds(req);
  const order = orderBy(req.sort);
  const started = performance.now();
  return consoleRun(db, async (checkpoint) => {
    const types = await checkReadOnly(db, req.sql);
    if (types.length !== 1) throw new UserError('bad_request', `the console runs one statement at a time, and this has ${types.length}`, 'put the cursor in one statement (or select it) and press Ctrl+Enter');
    const wrapped = `SELECT * FROM ${inner(req.sql)} AS q`;
    const count = `SELECT count(*) FROM ${inner(req.sql)} AS q`;
    const wrappable = types[0] === StatementType.SELECT && (await isSingleSelect(db, wrapped)) && (await isSingleSelect(db, count));
    checkpoint();
    try {
      if (!wrappable) {
        const whole = await db.columnar(req.sql);
        return { ...slice(whole, offset, limit), totalRows: whole.rowCount, offset, paged: false, elapsedMs: performance.now() - started };
      }
      const result = await db.columnar(`${wrapped}${order} LIMIT ${limit} OFFSET ${offset}`);
      checkpoint();
      // A page that is not full ends the result: no need to count.
      const totalRows = result.rowCount < limit && (result.rowCount > 0 || offset === 0) ? offset + result.rowCount : Number(await db.value(count));
      return { ...result, totalRows, offset, paged: true, elapsedMs: performance.now() - started };
    } catch (e) {
      throw e instanceof UserError ? e : sqlError(e);
    }
  });
}
