/**
 * The result of the console's last run: its status line (rows and time, running with Cancel,
 * cancelled, or DuckDB's error with the hint), the paged grid, exports of the full result and
 * "Chart this result".
 */
import { useState, type ReactElement } from 'react';
import { DataGrid } from '../../components/DataGrid';
import { ExportButtons } from '../../components/ExportButtons';
import { Empty, ErrorState, Loading } from '../../components/States';
import { ResultChart } from './ResultChart';
import type { SqlRun } from './use-sql-run';

export function ResultPanel({ console: c }: { console: SqlRun }): ReactElement {
  const [charting, setCharting] = useState(false);
  const s = c.state;
  if (s.status === 'idle') return <Empty title="No result yet">Write a statement and press Ctrl+Enter (⌘+Enter on a Mac).</Empty>;
  if (s.status === 'running') {
    return (
      <div className="sql-status-row">
        <Loading label="Running…" />
        <button type="button" onClick={c.cancel}>
          Cancel
        </button>
      </div>
    );
  }
  if (s.status === 'cancelled') return <div className="state sql-cancelled" role="status">Cancelled</div>;
  if (s.status === 'error') return <ErrorState error={s.error} />;
  const { first } = s;
  return (
    <div className="sql-result">
      <div className="sql-status-row">
        <span role="status" data-testid="sql-status">
          {first.totalRows.toLocaleString()} {first.totalRows === 1 ? 'row' : 'rows'} · {Math.round(first.elapsedMs).toLocaleString()} ms
        </span>
        <span className="sql-result-actions">
          <button type="button" aria-pressed={charting} onClick={() => setCharting((v) => !v)}>
            {charting ? 'Hide chart' : 'Chart this result'}
          </button>
          <ExportButtons what="Query result" source={{ sql: s.sql }} />
        </span>
      </div>
      {charting ? <ResultChart key={s.id} result={first} /> : null}
      <DataGrid label="Query result" sourceKey={String(s.id)} fetchRows={c.fetchRows} maxHeight={480} />
    </div>
  );
}
