/** The import run: a progress bar with Cancel while it runs, then the summary, a cancel notice or the error. */
import type { ReactElement } from 'react';
import type { ImportProgress } from '../../../src-shared/datasets';
import { ErrorState } from '../../components/States';
import { ImportSummaryPanel } from './ImportSummaryPanel';
import type { ImportFlow } from './use-import-flow';

const PHASES: Record<ImportProgress['phase'], string> = {
  hashing: 'Checking files',
  reading: 'Reading',
  validating: 'Validating rows',
  writing: 'Writing',
  done: 'Finishing',
};

function ProgressBar({ progress, onCancel }: { progress: ImportProgress | null; onCancel: () => void }): ReactElement {
  const fraction = progress?.fraction ?? 0;
  const file = progress?.file?.split(/[\\/]/).pop();
  return (
    <div className="import-progress">
      <div className="import-progress-label">
        <span>
          {progress ? PHASES[progress.phase] : 'Starting'}
          {file ? ` ${file}` : ''}
          {progress && progress.filesTotal > 1 ? ` (file ${Math.min(progress.filesDone + 1, progress.filesTotal)} of ${progress.filesTotal})` : ''}
        </span>
        <span className="muted">{Math.round(fraction * 100)}%</span>
      </div>
      <div className="progress-track" role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
        <div className="progress-fill" style={{ width: `${Math.max(2, fraction * 100)}%` }} />
      </div>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

export function RunPanel({ flow }: { flow: ImportFlow }): ReactElement | null {
  const run = flow.run;
  switch (run.status) {
    case 'idle':
      return null;
    case 'running':
      return (
        <section className="card" aria-label="Import">
          <h2>Importing…</h2>
          <ProgressBar progress={run.progress} onCancel={flow.cancel} />
        </section>
      );
    case 'cancelled':
      return (
        <section className="card import-cancelled" role="status">
          <strong>Cancelled — nothing was changed</strong>
        </section>
      );
    case 'error':
      return (
        <section className="card" aria-label="Import failed">
          <h2>Import failed</h2>
          <ErrorState error={run.error} />
        </section>
      );
    case 'done':
      return <ImportSummaryPanel summary={run.summary} />;
  }
}
