/** "Verify a report": pick an exported report file; see which panels and sources changed since. */
import type { ReactElement } from 'react';
import { ErrorState, Loading } from '../../components/States';
import { useReportVerify } from './use-report-verify';

export function VerifyPanel(): ReactElement {
  const { state, verify } = useReportVerify();
  return (
    <section className="rp-verify card" aria-label="Verify a report">
      <h2>Verify a report</h2>
      <label className="muted">
        Pick an exported report (.html) to recompute it on this workspace:{' '}
        <input type="file" accept=".html,text/html" aria-label="Report file to verify" onChange={(e) => { const f = e.target.files?.[0]; if (f) void verify(f); e.target.value = ''; }} />
      </label>
      {state.status === 'checking' ? <Loading label="Recomputing…" /> : state.status === 'error' ? <ErrorState error={state.error} /> : state.status === 'done' ? (
        <div className="rp-verify-result">
          <p className={state.result.ok ? 'rp-ok' : 'rp-changed'} role="status">
            {state.result.ok ? `${state.file}: every panel and source matches this workspace.` : `${state.file}: ${state.result.panels.filter((p) => p.status !== 'same').length} panel(s) and ${state.result.sources.filter((s) => s.status !== 'same').length} source(s) changed.`}
          </p>
          <table>
            <thead><tr><th>what</th><th>name</th><th>status</th></tr></thead>
            <tbody>
              {state.result.panels.map((p) => <tr key={`p${p.index}`} className={`rp-${p.status}`}><td>panel</td><td>{p.title}</td><td>{p.status}{p.error ? `: ${p.error}` : p.status === 'changed' ? ` (${p.rowsBefore} → ${p.rowsNow ?? '—'} rows)` : ''}</td></tr>)}
              {state.result.sources.map((s) => <tr key={`s${s.dataset}/${s.file}`} className={`rp-${s.status}`}><td>source</td><td>{s.dataset}/{s.file}</td><td>{s.status}</td></tr>)}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
