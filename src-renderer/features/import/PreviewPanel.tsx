/** What an import would do: detected kind, files, the editable column mapping and the first rows. */
import type { ReactElement } from 'react';
import { ErrorState, Loading } from '../../components/States';
import { ColumnarTable } from './ColumnarTable';
import { MappingTable } from './MappingTable';
import type { ImportFlow } from './use-import-flow';

export function PreviewPanel({ flow }: { flow: ImportFlow }): ReactElement | null {
  const state = flow.preview;
  if (state.status === 'idle') return null;
  if (state.status === 'error') {
    return (
      <section className="card import-preview" aria-label="Preview">
        <h2>Preview</h2>
        <ErrorState error={state.error} onRetry={() => void flow.requestPreview()} />
      </section>
    );
  }
  const preview = state.status === 'ready' ? state.preview : state.last;
  if (!preview) return <section className="card import-preview" aria-label="Preview"><Loading label="Reading the first rows…" /></section>;
  const updating = state.status === 'loading';
  return (
    <section className="card import-preview" aria-label="Preview" aria-busy={updating}>
      <h2>
        Preview {updating ? <span className="spinner" aria-hidden="true" /> : null}
      </h2>
      <p className="import-detected">
        Detected kind: <strong data-testid="detected-kind">{preview.kind}</strong>
        <span className="muted">
          {' '}· {preview.files.length} file{preview.files.length === 1 ? '' : 's'}: {preview.files.map((f) => `${f.path.split(/[\\/]/).pop()} (${f.format})`).join(', ')}
        </span>
      </p>
      <div className="import-preview-grid">
        {preview.fields.length ? (
          <div>
            <h3>Column mapping</h3>
            <MappingTable preview={preview} overrides={flow.overrides} disabled={updating || flow.run.status === 'running'} onChange={flow.setMapping} />
          </div>
        ) : (
          <p className="muted">Tables keep their columns as they are; there is no mapping.</p>
        )}
        <div className="import-first-rows">
          <h3>First rows</h3>
          <ColumnarTable result={preview.rows} label="First rows" />
        </div>
      </div>
    </section>
  );
}
