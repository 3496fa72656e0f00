/**
 * CSV / JSON / Parquet buttons for a table: the engine writes the full result of the source (not
 * the visible page) and the user gets a file named after what and when.
 */
import { useState } from 'react';
import type { ExportFormat, SaveExportRequest } from '../../src-shared/contract';
import { api, errorText } from '../api/client';
import { exportFileName } from './download';

export type ExportSource = Omit<SaveExportRequest, 'fileName' | 'format'>;

const FORMATS: readonly { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
  { format: 'parquet', label: 'Parquet' },
];

export function ExportButtons({ what, source }: { what: string; source: ExportSource }) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (format: ExportFormat) => {
    setBusy(format);
    setError(null);
    try {
      await api.download({ ...source, format, fileName: exportFileName(what, format) });
    } catch (e) {
      setError(errorText(e).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <span className="export-buttons" role="group" aria-label={`Export ${what}`}>
      {FORMATS.map(({ format, label }) => (
        <button key={format} type="button" disabled={busy !== null} title={`Export all rows of ${what} as ${label}`} onClick={() => void run(format)}>
          {busy === format ? '…' : label}
        </button>
      ))}
      {error ? <span className="export-error" role="alert">{error}</span> : null}
    </span>
  );
}
