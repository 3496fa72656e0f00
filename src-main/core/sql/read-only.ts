/**
 * The read-only gate for user-written SQL (SQL console, `tallybook sql`, export --sql): every
 * statement is parsed and bound by DuckDB first, and only statements that read are run. Anything
 * that writes, attaches, copies to files, installs or loads extensions or changes settings is
 * refused, and so is what reads but still has effects (hidden-effects.ts): EXPLAIN ANALYZE of
 * anything but a SELECT, logging/profiling switches, checkpoints, nextval and dynamic SQL.
 * Local files the user names (read_csv('…'), FROM 'file.parquet') may be read: the console is
 * the analyst's own DuckDB. Nothing else in the app reads a file by a name taken from a
 * request: specs, analyses and the REST API compile to checked identifiers and bound values.
 * The engine locks DuckDB's configuration after start-up (db.ts), beneath this gate.
 */
import { StatementType } from '@duckdb/node-api';
import type { ColumnarResult } from '../../../src-shared/columnar';
import { UserError } from '../../../src-shared/errors';
import type { Db } from '../db';
import { effectCall, explainedStatement } from './hidden-effects';

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
 * DuckDB creates EXPORT DATABASE's folder while binding, and expands IMPORT DATABASE into the
 * statements of the folder's files while parsing (and fails there), both before the statement
 * type is known; so they are refused from the text: at the start of a statement, after comments.
 */
const WHOLE_DATABASE = /(^|;)(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*(EXPORT|IMPORT)\s+DATABASE\b/i;

const READ_ONLY_HINT = 'use SELECT, WITH, DESCRIBE, SUMMARIZE, SHOW, EXPLAIN or PIVOT … ON col IN (…); import and export have their own commands';

function refused(kind: string): UserError {
  return new UserError('read_only', `refused: ${kind} statements change the workspace or the machine, and the SQL console only reads`, READ_ONLY_HINT);
}

async function typesOf(db: Db, sql: string): Promise<number[]> {
  try {
    return await db.statementTypes(sql);
  } catch (e) {
    throw sqlError(e);
  }
}

/** EXPLAIN ANALYZE runs what it explains: an EXPLAIN stands alone, around one SELECT. */
async function checkExplained(db: Db, sql: string, types: readonly number[]): Promise<void> {
  if (types.length !== 1) throw new UserError('read_only', 'refused: EXPLAIN runs on its own, not among other statements', 'run the EXPLAIN by itself');
  const inner = explainedStatement(sql);
  const innerTypes = inner === null ? [] : await typesOf(db, inner).catch(() => []);
  if (innerTypes.length !== 1 || innerTypes[0] !== StatementType.SELECT) {
    throw new UserError('read_only', 'refused: EXPLAIN (and EXPLAIN ANALYZE, which runs it) is only for one SELECT here', READ_ONLY_HINT);
  }
}

/** Refuses sql unless every statement reads; returns the statement types (DuckDB's StatementType). */
export async function checkReadOnly(db: Db, sql: string): Promise<number[]> {
  if (typeof sql !== 'string') throw new UserError('bad_request', 'the SQL must be text', 'write a SELECT, e.g. SELECT * FROM events LIMIT 10');
  if (!sql.trim()) throw new UserError('bad_request', 'the SQL is empty', 'write a SELECT, e.g. SELECT * FROM events LIMIT 10');
  const whole = WHOLE_DATABASE.exec(sql);
  if (whole) throw refused(whole[3]!.toUpperCase());
  const effect = effectCall(sql);
  if (effect !== null) {
    throw new UserError('read_only', `refused: ${effect.name}() ${effect.why}, and the SQL console only reads`, `${READ_ONLY_HINT} (the name is refused even inside a string)`);
  }
  const types = await typesOf(db, sql);
  types.forEach((t) => {
    if (!READING.has(t)) throw refused(NAMES[t] ?? 'this');
  });
  if (types.includes(StatementType.EXPLAIN)) await checkExplained(db, sql, types);
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
