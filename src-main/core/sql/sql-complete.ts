/**
 * DuckDB's own completions for the SQL console (the statically linked autocomplete extension's
 * `sql_auto_complete(prefix)`): keywords, functions, tables and columns at the cursor. The
 * workspace's internal `tallybook` schema is kept out: its schema name, and table and column
 * names that exist only there, are dropped.
 */
import type { SqlCompleteRequest, SqlCompletion, SqlCompletionOption } from '../../../src-shared/sql-console';
import { UserError } from '../../../src-shared/errors';
import type { Db } from '../db';

const MAX_OPTIONS = 60;

const COMPLETE = `
WITH internal AS (
  SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'tallybook'
  UNION SELECT column_name FROM duckdb_columns() WHERE schema_name = 'tallybook'
  EXCEPT SELECT table_name FROM duckdb_tables() WHERE schema_name <> 'tallybook'
  EXCEPT SELECT column_name FROM duckdb_columns() WHERE schema_name <> 'tallybook'
)
SELECT suggestion, suggestion_start, suggestion_type
FROM sql_auto_complete(?)
WHERE NOT (suggestion_type = 'schema' AND lower(suggestion) LIKE 'tallybook%')
  AND NOT (suggestion_type IN ('table', 'column') AND trim(suggestion, '"') IN (SELECT name FROM internal))
  AND trim(suggestion) <> ''
ORDER BY suggestion_score, suggestion_type NOT IN ('table', 'column'), suggestion
LIMIT ${MAX_OPTIONS}`;

/** DuckDB counts suggestion_start in UTF-8 bytes; editors count UTF-16 code units. */
function charOffset(prefix: string, bytes: number): number {
  return Buffer.from(prefix, 'utf8').subarray(0, bytes).toString('utf8').length;
}

export async function sqlComplete(db: Db, req: SqlCompleteRequest): Promise<SqlCompletion> {
  if (typeof req.sql !== 'string' || !Number.isInteger(req.cursor) || req.cursor < 0 || req.cursor > req.sql.length) {
    throw new UserError('bad_request', 'sqlComplete needs the SQL and a cursor offset within it');
  }
  const prefix = req.sql.slice(0, req.cursor);
  const rows = await db.rows(COMPLETE, [prefix]);
  let from = req.cursor;
  const options: SqlCompletionOption[] = [];
  for (const r of rows) {
    const suggestion = String(r.suggestion);
    from = Math.min(from, charOffset(prefix, Number(r.suggestion_start)));
    const label = suggestion.trim();
    options.push({ label, type: String(r.suggestion_type), ...(label !== suggestion ? { apply: suggestion } : {}) });
  }
  return { from, options };
}
