/**
 * The console's query history, kept with the workspace (state key `sql:history`): newest first,
 * the last 50, a statement run again moves to the top with its latest row count and time.
 */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';

export const HISTORY_KEY = 'sql:history';
const MAX_ENTRIES = 50;

export interface HistoryEntry {
  readonly sql: string;
  /** ISO time of the run. */
  readonly at: string;
  readonly ok: boolean;
  /** Stopped with Cancel (not an error). */
  readonly cancelled?: boolean;
  readonly rows?: number;
  readonly ms?: number;
}

function parse(value: unknown): HistoryEntry[] {
  if (!Array.isArray(value)) return [];
  return value.filter((e): e is HistoryEntry => typeof e === 'object' && e !== null && typeof (e as HistoryEntry).sql === 'string').slice(0, MAX_ENTRIES);
}

export function useSqlHistory(workspaceKey: string | null): { entries: readonly HistoryEntry[]; add(entry: HistoryEntry): void } {
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  useEffect(() => {
    if (workspaceKey === null) return;
    let live = true;
    api.getState({ key: HISTORY_KEY }).then(
      (v) => live && setEntries(parse(v)),
      () => live && setEntries([]),
    );
    return () => {
      live = false;
    };
  }, [workspaceKey]);

  const add = useCallback((entry: HistoryEntry) => {
    setEntries((list) => {
      const next = [entry, ...list.filter((e) => e.sql !== entry.sql)].slice(0, MAX_ENTRIES);
      void api.setState({ key: HISTORY_KEY, value: next }).catch(() => undefined);
      return next;
    });
  }, []);
  return { entries, add };
}
