/**
 * The SQL console's requests and results: one page of a read-only statement's result (with the
 * total, so the grid can page), DuckDB's completions at the cursor, and cancelling the running
 * statement.
 */
import type { RowsPage } from './contract';

export interface SqlSort {
  readonly column: string;
  readonly dir: 'asc' | 'desc';
}

export interface SqlPageRequest {
  /** One read-only statement. */
  readonly sql: string;
  /** Default 0. */
  readonly offset?: number;
  /** Default 200, at most 10,000. */
  readonly limit?: number;
  /** Sorts the statement's result by its output columns (only when it can be wrapped). */
  readonly sort?: readonly SqlSort[];
}

export interface SqlPage extends RowsPage {
  /**
   * True when the statement was paged in DuckDB (`SELECT * FROM (<q>) LIMIT … OFFSET …`); false
   * for a statement that cannot be wrapped (EXPLAIN), run whole and sliced.
   */
  readonly paged: boolean;
  /** How long the engine took, in milliseconds. */
  readonly elapsedMs: number;
}

export interface SqlCompleteRequest {
  readonly sql: string;
  /** The cursor as an offset into sql (UTF-16 code units, as editors count). */
  readonly cursor: number;
}

export interface SqlCompletionOption {
  /** What the list shows, e.g. `FROM`, `jobs`, `count`. */
  readonly label: string;
  /** keyword, table, column, schema, scalar_function, aggregate_function, table_function… */
  readonly type: string;
  /** What is inserted when it differs from the label (e.g. a trailing space after a keyword). */
  readonly apply?: string;
}

export interface SqlCompletion {
  /** Where the replaced word starts (offset into sql). */
  readonly from: number;
  readonly options: readonly SqlCompletionOption[];
}

export interface CancelQueryResult {
  /** False when no console statement was running or waiting. */
  readonly cancelled: boolean;
}
