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

const FIX_HINT = 'fix the statement and run it again';

/**
 * A DuckDB error as the user sees it: its first line as the message, and DuckDB's own
 * suggestion ("Did you mean …", candidate bindings) as the hint when it gives one.
 */
export function sqlError(e: unknown): UserError {
  const m = e instanceof Error ? e.message : String(e);
  const lines = m.split('\n').map((l) => l.trim());
  const suggestion = lines.slice(1).find((l) => /^(Did you mean|Candidate)/i.test(l));
  return new UserError('bad_request', `SQL error: ${lines[0] ?? m}`, suggestion ? `${suggestion} — ${FIX_HINT}` : FIX_HINT);
}

/**
 * DuckDB creates EXPORT DATABASE's folder while binding (before the statement type is known),
 * so it is refused from the text: at the start of a statement, after comments.
 */
const EXPORT_DATABASE = /(^|;)(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*EXPORT\s+DATABASE\b/i;

function refused(kind: string): UserError {
  return new UserError(
    'read_only',
    `refused: ${kind} statements change the workspace or the machine, and the SQL console only reads`,
    'use SELECT, WITH, DESCRIBE, SUMMARIZE, SHOW, EXPLAIN or PIVOT … ON col IN (…); import and export have their own commands',
  );
}

/** Refuses sql unless every statement reads; returns the statement types (DuckDB's StatementType). */
export async function checkReadOnly(db: Db, sql: string): Promise<number[]> {
  if (!sql.trim()) throw new UserError('bad_request', 'the SQL is empty', 'write a SELECT, e.g. SELECT * FROM events LIMIT 10');
  if (EXPORT_DATABASE.test(sql)) throw refused('EXPORT');
  let types: number[];
  try {
    types = await db.statementTypes(sql);
  } catch (e) {
    throw sqlError(e);
  }
  types.forEach((t) => {
    if (!READING.has(t)) throw refused(NAMES[t] ?? 'this');
  });
  return types;
}

/** Runs read-only SQL and returns the result of its last statement. */
export async function runReadOnlySql(db: Db, sql: string): Promise<ColumnarResult> {
  await checkReadOnly(db, sql);
  try {
    return await db.columnar(sql);
  } catch (e) {
    throw sqlError(e);
  }
}
