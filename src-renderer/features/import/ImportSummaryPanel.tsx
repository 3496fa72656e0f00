/** What an import did: every row read in exactly one bucket, rejects by reason, rows per file, and the rejected rows. */
import type { ReactElement } from 'react';
import type { ImportSummary } from '../../../src-shared/datasets';
import { useStore } from '../../store/store';
import { RejectsPanel } from './RejectsPanel';

function Stat({ label, value, tone }: { label: string; value: number; tone?: 'ok' | 'warn' | 'bad' }): ReactElement {
  return (
    <div className={`import-stat${tone && value > 0 ? ` tone-${tone}` : ''}`} data-stat={label}>
      <span className="import-stat-value">{value.toLocaleString()}</span>
      <span className="import-stat-label">{label}</span>
    </div>
  );
}

export function ImportSummaryPanel({ summary }: { summary: ImportSummary }): ReactElement {
  const navigate = useStore((s) => s.navigate);
  const reasons = Object.entries(summary.rejected_by_reason).filter(([, n]) => n > 0);
  return (
    <section className="card import-summary" aria-label="Import summary">
      <div className="import-summary-head">
        <h2>
          Imported into {summary.dataset} <span className="muted">({summary.kind})</span>
        </h2>
        <button type="button" onClick={() => navigate('dataset', summary.dataset)}>
          Open {summary.dataset}
        </button>
      </div>
      <div className="import-stats">
        <Stat label="rows read" value={summary.rows_read} />
        <Stat label="imported" value={summary.rows_imported} tone="ok" />
        <Stat label="duplicates" value={summary.duplicates} tone="warn" />
        <Stat label="rejected" value={summary.rejected} tone="bad" />
        <Stat label="dropped for consent" value={summary.dropped_no_consent} tone="warn" />
      </div>
      <div className="import-summary-details">
        {reasons.length ? (
          <table className="plain-table" aria-label="Rejected by reason">
            <thead>
              <tr>
                <th scope="col">Rejected because</th>
                <th scope="col" className="num">Rows</th>
              </tr>
            </thead>
            <tbody>
              {reasons.map(([reason, n]) => (
                <tr key={reason} data-reason={reason}>
                  <td>{reason.replaceAll('_', ' ')}</td>
                  <td className="num">{n.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <table className="plain-table" aria-label="Rows per file">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Format</th>
              <th scope="col" className="num">Rows read</th>
            </tr>
          </thead>
          <tbody>
            {summary.files.map((f) => (
              <tr key={f.path}>
                <td title={f.path}>{f.path.split(/[\\/]/).pop()}</td>
                <td>{f.format}</td>
                <td className="num">{f.rows_read.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {summary.rejected > 0 ? <RejectsPanel dataset={summary.dataset} importId={summary.import_id} /> : null}
    </section>
  );
}
