/**
 * What a statement can change although DuckDB types it SELECT or EXPLAIN, for the read-only
 * gate (read-only.ts) to refuse:
 * - EXPLAIN ANALYZE runs the statement it explains (a DELETE, a COPY … TO), so an EXPLAIN is
 *   accepted only around one SELECT: explainedStatement() gives the text after EXPLAIN and its
 *   options, for the gate to type;
 * - functions with effects that DuckDB's configuration lock does not stop: logging and
 *   profiling switches (which write files wherever they are told), checkpoints, writing to the
 *   log, moving a sequence of the workspace (nextval); and dynamic SQL (query(),
 *   json_execute_serialized_sql), which would hide any of them inside a string.
 * Calls are found in the text, so they are refused however they are quoted, qualified, spaced
 * or commented; the same call written inside a string literal is refused too.
 */

const EFFECT_FUNCTIONS = [
  'enable_logging', 'disable_logging', 'truncate_duckdb_logs', 'write_log',
  'enable_profiling', 'disable_profiling', 'enable_peg_parser', 'disable_peg_parser',
  'checkpoint', 'force_checkpoint', 'nextval',
  'query', 'json_execute_serialized_sql',
] as const;

/** Whitespace and comments, as DuckDB skips them between tokens. */
const GAP = String.raw`(?:\s|--[^\n]*(?:\n|$)|/\*[\s\S]*?\*/)*`;

const CALL = new RegExp(String.raw`\b(${EFFECT_FUNCTIONS.join('|')})"?${GAP}\(`, 'i');

/** EXPLAIN, then ANALYZE (or ANALYSE) or one parenthesised option list. */
const EXPLAIN = new RegExp(String.raw`^${GAP}EXPLAIN\b${GAP}(?:ANALY[SZ]E\b|\([^()]*\))?`, 'i');

const DYNAMIC = new Set<string>(['query', 'json_execute_serialized_sql']);

export interface EffectCall {
  /** The function, lower case. */
  readonly name: string;
  /** Why it is refused, to follow "name()". */
  readonly why: string;
}

/** The first function with effects that sql calls, or null. */
export function effectCall(sql: string): EffectCall | null {
  const name = CALL.exec(sql)?.[1]?.toLowerCase();
  if (name === undefined) return null;
  return { name, why: DYNAMIC.has(name) ? 'runs SQL held in a string, which the gate cannot check' : "changes the workspace, DuckDB's settings or files" };
}

/** The statement an EXPLAIN statement explains (its text after EXPLAIN and options), or null. */
export function explainedStatement(sql: string): string | null {
  const m = EXPLAIN.exec(sql);
  return m ? sql.slice(m[0].length) : null;
}
