/**
 * Running console SQL: the current run's state (running, its first page, an error, cancelled),
 * run and cancel, and the grid's page fetcher, which answers the first page from the run and
 * asks the engine (api.sqlPage) for the others or for a sort. An answer for an older run is
 * ignored.
 */
import { useCallback, useRef, useState } from 'react';
import type { SqlPage } from '../../../src-shared/sql-console';
import { api, ApiError } from '../../api/client';
import type { FetchRowsRequest } from '../../components/DataGrid';
import type { RowsChunk } from '../../components/row-page-cache';

/** The grid's page size (RowPageCache's default): the run fetches exactly its first page. */
export const PAGE_SIZE = 200;

export type RunState =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly sql: string; readonly id: number }
  | { readonly status: 'done'; readonly sql: string; readonly id: number; readonly first: SqlPage }
  | { readonly status: 'error'; readonly sql: string; readonly id: number; readonly error: unknown }
  | { readonly status: 'cancelled'; readonly sql: string; readonly id: number };

export interface SqlRun {
  readonly state: RunState;
  run(sql: string): Promise<SqlPage | null>;
  cancel(): void;
  fetchRows(req: FetchRowsRequest): Promise<RowsChunk>;
}

export function useSqlRun(): SqlRun {
  const [state, setState] = useState<RunState>({ status: 'idle' });
  const seq = useRef(0);
  const current = useRef<RunState>(state);
  const update = (next: RunState) => {
    current.current = next;
    setState(next);
  };

  const run = useCallback(async (sql: string) => {
    const id = ++seq.current;
    update({ status: 'running', sql, id });
    try {
      const first = await api.sqlPage({ sql, offset: 0, limit: PAGE_SIZE });
      if (id === seq.current) update({ status: 'done', sql, id, first });
      return first;
    } catch (error) {
      if (id !== seq.current) return null;
      update(error instanceof ApiError && error.code === 'cancelled' ? { status: 'cancelled', sql, id } : { status: 'error', sql, id, error });
      throw error;
    }
  }, []);

  const cancel = useCallback(() => {
    void api.cancelQuery();
  }, []);

  const fetchRows = useCallback(async (req: FetchRowsRequest): Promise<RowsChunk> => {
    const s = current.current;
    if (s.status !== 'done') throw new Error('no result to page');
    if (req.offset === 0 && req.limit === PAGE_SIZE && req.sort.length === 0) return s.first;
    return api.sqlPage({ sql: s.sql, offset: req.offset, limit: req.limit, sort: req.sort });
  }, []);

  return { state, run, cancel, fetchRows };
}
