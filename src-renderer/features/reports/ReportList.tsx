/** The saved reports of the workspace: open one, delete one, or start a new report. */
import type { ReactElement } from 'react';
import { Empty, ErrorState, Loading } from '../../components/States';
import type { SavedApi } from '../explore/use-saved';

export interface ReportListProps {
  readonly reports: SavedApi<'report'>;
  readonly openId: string | null;
  readonly readOnly: boolean;
  readonly onOpen: (id: string | null) => void;
}

export function ReportList({ reports, openId, readOnly, onOpen }: ReportListProps): ReactElement {
  const { list } = reports;
  return (
    <aside className="rp-list card" aria-label="Saved reports">
      <h2>Saved reports</h2>
      <button type="button" onClick={() => onOpen(null)}>New report</button>
      {list.status === 'loading' ? <Loading /> : list.status === 'error' ? <ErrorState error={list.error} onRetry={reports.reload} /> : list.items.length === 0 ? (
        <Empty title="No saved reports">Compose one and press Save.</Empty>
      ) : (
        <ul>
          {list.items.map((r) => (
            <li key={r.id} className={r.id === openId ? 'rp-current' : undefined}>
              <button type="button" className="link" onClick={() => onOpen(r.id)} aria-label={`Open report ${r.name}`}>{r.name}</button>
              {readOnly ? null : (
                <button type="button" className="rp-delete" aria-label={`Delete report ${r.name}`} onClick={() => window.confirm(`Delete the report “${r.name}”?`) && void reports.remove(r.id).then(() => r.id === openId && onOpen(null))}>✕</button>
              )}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
