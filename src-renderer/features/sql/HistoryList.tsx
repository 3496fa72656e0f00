/** The console's recent statements: click one to load it into the editor. */
import type { ReactElement } from 'react';
import { Empty } from '../../components/States';
import type { HistoryEntry } from './use-sql-history';

function summary(e: HistoryEntry): string {
  if (e.cancelled) return 'cancelled';
  if (!e.ok) return 'failed';
  return `${(e.rows ?? 0).toLocaleString()} rows · ${Math.round(e.ms ?? 0).toLocaleString()} ms`;
}

export function HistoryList({ entries, onPick }: { entries: readonly HistoryEntry[]; onPick: (sql: string) => void }): ReactElement {
  if (entries.length === 0) return <Empty title="No queries yet">Statements you run appear here.</Empty>;
  return (
    <ol className="sql-history" aria-label="Query history">
      {entries.map((e) => (
        <li key={`${e.at}-${e.sql}`}>
          <button type="button" className="sql-history-item" title={e.sql} onClick={() => onPick(e.sql)}>
            <code>{e.sql.replace(/\s+/g, ' ')}</code>
            <span className={`muted sql-history-meta${e.ok || e.cancelled ? '' : ' sql-history-failed'}`}>
              {new Date(e.at).toLocaleTimeString()} · {summary(e)}
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}
