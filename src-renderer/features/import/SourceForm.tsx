/** What to import: paths (or uploaded files), the dataset to create or append to, the kind, and whether to redact personal data. */
import type { ReactElement } from 'react';
import { DATASET_KINDS } from '../../../src-shared/datasets';
import { ErrorState } from '../../components/States';
import { useStore } from '../../store/store';
import { canUpload } from './upload';
import { pathsOf, type ImportFlow, type KindChoice } from './use-import-flow';

export function SourceForm({ flow }: { flow: ImportFlow }): ReactElement {
  const datasets = useStore((s) => s.datasets);
  const running = flow.run.status === 'running';
  const hasPaths = pathsOf(flow.pathsText).length > 0;
  const existing = datasets.find((d) => d.name === flow.dataset.trim());
  return (
    <form
      className="card import-form"
      aria-label="Files to import"
      onSubmit={(e) => {
        e.preventDefault();
        void flow.requestPreview();
      }}
    >
      <label className="import-field import-paths">
        <span>Files, folders or globs on this machine — one per line</span>
        <textarea
          rows={3}
          value={flow.pathsText}
          placeholder={'/home/me/exports/jobs.csv\n/home/me/exports/events/*.ndjson.gz'}
          spellCheck={false}
          disabled={running}
          onChange={(e) => flow.setPathsText(e.target.value)}
        />
      </label>
      {canUpload ? (
        <label className="import-field import-upload">
          <span>…or upload files from this browser</span>
          <input
            type="file"
            multiple
            disabled={running || flow.upload.busy}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void flow.uploadFiles(files);
            }}
          />
          {flow.upload.busy ? <span className="muted">Uploading…</span> : null}
        </label>
      ) : null}
      {flow.upload.error ? <ErrorState error={flow.upload.error} /> : null}
      <div className="import-row">
        <label className="import-field">
          <span>Dataset (new or existing)</span>
          <input list="import-datasets" value={flow.dataset} placeholder="e.g. jobs" disabled={running} onChange={(e) => flow.setDataset(e.target.value)} />
          <datalist id="import-datasets">
            {datasets.map((d) => (
              <option key={d.name} value={d.name}>{`${d.kind}, ${d.rowCount.toLocaleString()} rows`}</option>
            ))}
          </datalist>
        </label>
        <label className="import-field">
          <span>Kind</span>
          <select value={flow.kind} disabled={running} onChange={(e) => flow.setKind(e.target.value as KindChoice)}>
            <option value="auto">auto-detect</option>
            {DATASET_KINDS.map((k) => (
              <option key={k} value={k}>{k}</option>
            ))}
          </select>
        </label>
        <label className="import-switch">
          <input type="checkbox" role="switch" checked={flow.redact} disabled={running} onChange={(e) => flow.setRedact(e.target.checked)} />
          <span>Redact personal data</span>
        </label>
        <div className="import-actions">
          <button type="submit" disabled={!hasPaths || running}>
            Preview
          </button>
          <button type="button" className="primary" disabled={!hasPaths || running} onClick={() => void flow.startImport()}>
            Import
          </button>
        </div>
      </div>
      <div className="muted import-note">
        {existing ? `Appends to ${existing.name} (${existing.kind}, ${existing.rowCount.toLocaleString()} rows); rows already there count as duplicates.` : flow.dataset.trim() ? `Creates the dataset ${flow.dataset.trim()}.` : 'Leave the name empty to name the dataset after the first file.'}
      </div>
      {flow.redact ? (
        <div className="muted import-note" data-testid="redact-note">
          Events are stored with e-mail addresses, phone numbers and IP addresses in their attributes and context replaced by [email], [phone] and [ip], and URLs cut to their path (no host, query string or fragment).
        </div>
      ) : null}
    </form>
  );
}
