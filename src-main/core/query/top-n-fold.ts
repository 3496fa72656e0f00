/**
 * Top N with "Other" for a breakdown: the dimension's expression is replaced by one that keeps
 * the n values ranking highest by the first measure over the whole window (ties by value) and
 * turns every other non-null value into 'Other', BEFORE aggregating — so additive measures
 * re-aggregate and non-additive ones (percentiles, count_distinct) are computed over the folded
 * rows. Null stays null (it is not ranked). Values come out as text.
 */
import { TOP_N_OTHER } from '../../../src-shared/query-spec';
import { sql, type Fragment } from './fragment';

export interface FoldInput {
  /** The dimension's expression over the dataset's rows. */
  readonly expr: Fragment;
  readonly table: Fragment;
  /** The `\nWHERE …` of the main aggregation (filters and the current window), or empty. */
  readonly where: Fragment;
  /** The aggregate that ranks the values (the spec's first measure). */
  readonly rank: Fragment;
  readonly n: number;
}

export function foldTopN(f: FoldInput): Fragment {
  const text = sql`CAST(${f.expr} AS VARCHAR)`;
  const top = sql`SELECT ${text} FROM ${f.table}${f.where}\nGROUP BY 1\nHAVING ${text} IS NOT NULL\nORDER BY ${f.rank} DESC NULLS LAST, 1 ASC\nLIMIT ${f.n}`;
  return sql`CASE WHEN ${f.expr} IS NULL THEN NULL WHEN ${text} IN (${top}) THEN ${text} ELSE ${TOP_N_OTHER} END`;
}
