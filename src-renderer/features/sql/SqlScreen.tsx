/**
 * The SQL console: a DuckDB editor with completions (Ctrl/Cmd+Enter runs the selection or the
 * statement under the cursor), the paged result with exports and a chart, and the workspace's
 * query history. Everything is read-only: the engine refuses statements that write.
 */
import { useCallback, useRef, useState, type ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ApiError } from '../../api/client';
import { Empty } from '../../components/States';
import { useStore } from '../../store/store';
import { HistoryList } from './HistoryList';
import { ResultPanel } from './ResultPanel';
import { SqlEditor, type EditorLoad } from './SqlEditor';
import { useSqlHistory } from './use-sql-history';
import { useSqlRun } from './use-sql-run';
import './sql.css';

/** The editor's text while the app runs, so leaving the screen and coming back keeps it. */
let draft: { workspace: string; text: string } | null = null;

export function SqlScreen(_props: { params: readonly string[] }): ReactElement {
  const { workspace, datasets } = useStore(useShallow((s) => ({ workspace: s.workspace, datasets: s.datasets })));
  const sqlRun = useSqlRun();
  const history = useSqlHistory(workspace?.path ?? null);
  const [load, setLoad] = useState<EditorLoad | null>(null);
  const runEditor = useRef<() => void>(() => undefined);

  const onRun = useCallback(
    (sql: string) => {
      if (!sql.trim()) return;
      const at = new Date().toISOString();
      sqlRun.run(sql).then(
        (page) => page && history.add({ sql, at, ok: true, rows: page.totalRows, ms: page.elapsedMs }),
        (e: unknown) => history.add({ sql, at, ok: false, ...(e instanceof ApiError && e.code === 'cancelled' ? { cancelled: true } : {}) }),
      );
    },
    [sqlRun, history],
  );

  if (!workspace) return <Empty title="No workspace open">Open a workspace on the Home screen to query its datasets.</Empty>;
  const first = datasets[0];
  const sample = first ? `SELECT *\nFROM ${first.name}\nLIMIT 100;\n` : 'SELECT 42 AS answer;\n';
  const initial = draft?.workspace === workspace.path ? draft.text : sample;
  const path = workspace.path;
  const running = sqlRun.state.status === 'running';
  return (
    <div className="sql-screen">
      <section className="card sql-main" aria-labelledby="sql-heading">
        <div className="sql-head">
          <h2 id="sql-heading">SQL</h2>
          <span className="muted">Read-only DuckDB · each dataset is a table</span>
          <span className="sql-head-actions">
            {running ? (
              <button type="button" onClick={sqlRun.cancel}>
                Cancel
              </button>
            ) : null}
            <button type="button" className="primary" disabled={running} onClick={() => runEditor.current()} title="Run the selection or the statement under the cursor (Ctrl+Enter)">
              Run
            </button>
          </span>
        </div>
        <SqlEditor initial={initial} load={load} datasets={datasets} onRun={onRun} onChange={(text) => (draft = { workspace: path, text })} registerRun={(r) => (runEditor.current = r)} />
        <div className="sql-result-area">
          <ResultPanel console={sqlRun} />
        </div>
      </section>
      <aside className="card sql-side" aria-labelledby="sql-history-heading">
        <h2 id="sql-history-heading">History</h2>
        <HistoryList entries={history.entries} onPick={(sql) => setLoad((l) => ({ text: sql, seq: (l?.seq ?? 0) + 1 }))} />
      </aside>
    </div>
  );
}
