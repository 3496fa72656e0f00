/**
 * The built report as the colleague will see it: the engine's HTML in a sandboxed iframe (no
 * scripts, no same origin), with the panel and source counts of its manifest.
 */
import type { ReactElement } from 'react';
import { ErrorState, Loading } from '../../components/States';
import type { BuildState } from './use-report-actions';

export function ReportPreview({ build }: { build: BuildState }): ReactElement | null {
  if (build.status === 'idle') return null;
  if (build.status !== 'ready' && build.status !== 'error') return <Loading label="Building the report…" />;
  if (build.status === 'error') return <ErrorState error={build.error} />;
  const { manifest, html, fileName } = build.result;
  return (
    <section className="rp-preview" aria-label="Report preview">
      <div className="muted">
        {fileName} · {manifest.panels.length} panels · {manifest.sources.length} source files · {(html.length / 1024).toFixed(0)} KB
      </div>
      <iframe title="Report preview" sandbox="" srcDoc={html} />
    </section>
  );
}
