/**
 * The read-only gate for user-written SQL (SQL console, `tallybook sql`): every statement is
 * parsed and bound by DuckDB first, and only statements that read are run. Anything that
 * writes, attaches, copies to files, installs or loads extensions or changes settings is refused.
 */
import { StatementType } from '@duckdb/node-api';
import type { ColumnarResult } from '../../../src-shared/columnar';
import { UserError } from '../../../src-shared/errors';
import type { Db } from '../db';

const READING = new Set<number>([StatementType.SELECT, StatementType.EXPLAIN]);
const NAMES: Record<number, string> = Object.fromEntries(Object.entries(StatementType).filter(([, v]) => typeof v === 'number').map(([k, v]) => [v, k]));

function firstLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return (m.split('\n')[0] ?? m).trim();
}

export async function checkReadOnly(db: Db, sql: string): Promise<void> {
  if (!sql.trim()) throw new UserError('bad_request', 'the SQL is empty', 'write a SELECT, e.g. SELECT * FROM events LIMIT 10');
  let types: number[];
  try {
    types = await db.statementTypes(sql);
  } catch (e) {
    throw new UserError('bad_request', `SQL error: ${firstLine(e)}`, 'fix the statement and run it again');
  }
  types.forEach((t) => {
    if (READING.has(t)) return;
    throw new UserError(
      'read_only',
      `refused: ${NAMES[t] ?? 'this'} statements change the workspace or the machine, and the SQL console only reads`,
      'use SELECT, WITH, DESCRIBE, SUMMARIZE, SHOW, EXPLAIN or PIVOT … ON col IN (…); import and export have their own commands',
    );
  });
}

/** Runs read-only SQL and returns the result of its last statement. */
export async function runReadOnlySql(db: Db, sql: string): Promise<ColumnarResult> {
  await checkReadOnly(db, sql);
  try {
    return await db.columnar(sql);
  } catch (e) {
    throw new UserError('bad_request', `SQL error: ${firstLine(e)}`, 'fix the statement and run it again');
  }
}
